package org.defrost.tck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.defrost.spi.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.AssertionFailedError;

/**
 * The checks every stage passes, for a stage's tests to inherit. A subclass supplies the stage, a small and
 * fast valid configuration, examples of parameters it must refuse and its input artifacts (from
 * {@link #upstream() upstream stages} or {@link #sampleArtifacts prepared directories}):
 *
 * <pre>{@code
 * class PretrainStageContractTest extends StageContractKit {
 *     protected Stage stage() { return new PretrainStage(); }
 *     protected Map<String, ?> validParameters() { return Map.of("hidden", List.of(8), "maxEpochs", 3); }
 *     protected List<InvalidParameters> invalidParameters() {
 *         return List.of(InvalidParameters.of(Map.of("optimizer", "adam", "nesterov", true), "nesterov"));
 *     }
 *     protected List<Upstream> upstream() {
 *         return List.of(Upstream.of(new ChmmStage(), Map.of("inputDim", 10, "sourceTrainSize", 200)));
 *     }
 * }
 * }</pre>
 *
 * <p>The checks run the real engine: the pipeline parser validates a pipeline of the upstream stages and the
 * stage, and the runner executes it against a workspace in a temporary directory. A reference run, a second
 * run of the same pipeline, a run in a fresh workspace (given the reference run's upstream artifacts, so that
 * only the stage under test computes) and a cancelled run are shared by the checks, so a kit costs about four
 * runs of the stage: keep its configuration small. To share them, a kit class has one test instance for all its
 * tests, and the runs' workspaces are deleted after the last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StageContractKit {
    private Path kitDirectory;
    private StageContract contract;

    /** The stage under test. */
    protected abstract Stage stage();

    /** Parameters under {@code with:} for a small, fast run; the kit runs them about four times. */
    protected abstract Map<String, ?> validParameters();

    /**
     * Parameters the stage must refuse beyond what its declaration rules out (the kit derives those cases
     * itself), typically its {@link Stage#validate} rules; empty when the declaration says everything.
     */
    protected abstract List<InvalidParameters> invalidParameters();

    /** Stages that run before the stage under test to produce its inputs, in pipeline order. */
    protected List<Upstream> upstream() {
        return List.of();
    }

    /**
     * Prepared input artifacts by kind, one per seed or one for every seed, for kinds no upstream stage
     * produces. They run first, so upstream stages may read them too.
     *
     * @param directory an empty directory for the files
     */
    protected Map<String, List<SampleArtifact>> sampleArtifacts(Path directory) throws Exception {
        return Map.of();
    }

    /** How many seeds the kit's pipelines run; more than one exercises stages that combine seeds. */
    protected int seeds() {
        return 1;
    }

    /**
     * Files of the stage's outputs (paths relative to the artifact directory) that legitimately differ between
     * two runs with the same seed, such as a table with a seconds column; the determinism check still requires
     * them to exist in both.
     */
    protected Set<String> timingDependentFiles() {
        return Set.of();
    }

    /**
     * Metadata entries of the stage's outputs that legitimately differ between two runs with the same seed,
     * such as a training time; the determinism check still requires them to be recorded in both.
     */
    protected Set<String> timingDependentMetadata() {
        return Set.of();
    }

    /**
     * Parameters of the cancelled run. A stage with long loops returns a configuration that would run for
     * minutes if it ignored cancellation (many epochs, say), so that the check proves it stops.
     */
    protected Map<String, ?> cancellationParameters() {
        return validParameters();
    }

    /** When the cancellation checks cancel the run. */
    protected CancelAt cancelAt() {
        return CancelAt.FIRST_REPORT;
    }

    /** How long the stage may take to stop once the run is cancelled. */
    protected Duration cancellationLimit() {
        return Duration.ofSeconds(30);
    }

    private StageContract contract() throws IOException {
        if (contract == null) {
            kitDirectory = Files.createTempDirectory("defrost-stage-tck-");
            ContractSubject subject = new ContractSubject(stage(), validParameters(), upstream(),
                    this::sampleArtifacts, seeds(), timingDependentFiles(), timingDependentMetadata(),
                    cancellationParameters(), cancelAt(),
                    cancellationLimit());
            contract = new StageContract(subject, kitDirectory);
        }
        return contract;
    }

    /** Runs one check, naming the stage in its failure: reports group the kits' inherited tests together. */
    private void check(Check check) throws Exception {
        try {
            check.run(contract());
        } catch (AssertionFailedError e) {
            throw new AssertionFailedError("[" + stage().descriptor().type() + "] " + e.getMessage(),
                    e.isExpectedDefined() ? e.getExpected().getValue() : null,
                    e.isActualDefined() ? e.getActual().getValue() : null, e);
        } catch (AssertionError e) {
            throw new AssertionError("[" + stage().descriptor().type() + "] " + e.getMessage(), e);
        }
    }

    /** One check of the contract. */
    @FunctionalInterface
    private interface Check {
        void run(StageContract contract) throws Exception;
    }

    /** Deletes the kit's workspaces. */
    @AfterAll
    void deleteWorkspaces() throws Exception {
        if (kitDirectory != null) {
            Workspaces.delete(kitDirectory);
        }
    }

    @Nested
    @DisplayName("its declaration")
    class Declaration {
        @Test
        @DisplayName("names the type in lower-case words joined by hyphens, with a version and a description ending in a period")
        void identity() throws Exception {
            check(c -> c.declarationFollows(DescriptorRules::identity, "type, version and description"));
        }

        @Test
        @DisplayName("produces at least one artifact kind, and names each kind once in lower-case words joined by hyphens")
        void artifactKinds() throws Exception {
            check(c -> c.declarationFollows(DescriptorRules::artifactKinds, "artifact kinds"));
        }

        @Test
        @DisplayName("gives each parameter a unique camelCase name")
        void parameterNames() throws Exception {
            check(c -> c.declarationFollows(DescriptorRules::parameterNames, "parameter names"));
        }

        @Test
        @DisplayName("describes each parameter in a sentence ending with a period")
        void parameterDescriptions() throws Exception {
            check(c -> c.declarationFollows(DescriptorRules::parameterDescriptions, "parameter descriptions"));
        }

        @Test
        @DisplayName("gives each optional parameter a default of its declared type")
        void defaults() throws Exception {
            check(c -> c.declarationFollows(DescriptorRules::defaults, "parameter defaults"));
        }

        @Test
        @DisplayName("puts ranges on numeric parameters only, each non-empty and holding the default")
        void ranges() throws Exception {
            check(c -> c.declarationFollows(DescriptorRules::ranges, "parameter ranges"));
        }

        @Test
        @DisplayName("lists the words of each choice parameter, the default among them")
        void choices() throws Exception {
            check(c -> c.declarationFollows(DescriptorRules::choices, "parameter choices"));
        }
    }

    @Nested
    @DisplayName("its parameters")
    class ParameterValidation {
        @Test
        @DisplayName("the valid configuration passes the pipeline validation")
        void validParametersAreAccepted() throws Exception {
            check(c -> c.acceptsValidParameters());
        }

        @TestFactory
        @DisplayName("each value the declaration rules out is refused with a problem naming the parameter at its line")
        Stream<DynamicTest> declaredRulesAreEnforced() throws IOException {
            return contract().derivedInvalidCases().stream()
                    .map(c -> DynamicTest.dynamicTest(c.description(), () -> check(k -> k.refuses(c, true))));
        }

        @TestFactory
        @DisplayName("each invalid example of the test is refused with a problem naming the parameter at its line")
        Stream<DynamicTest> invalidExamplesAreRefused() throws IOException {
            return invalidParameters().stream()
                    .map(c -> DynamicTest.dynamicTest(c.description(), () -> check(k -> k.refuses(c, false))));
        }
    }

    @Nested
    @DisplayName("its outputs")
    class Outputs {
        @Test
        @DisplayName("are committed for every declared kind of every invocation, with checksums that verify")
        void everyDeclaredKindIsCommitted() throws Exception {
            check(c -> c.commitsEveryDeclaredOutput());
        }

        @Test
        @DisplayName("read back in full, each directory holding exactly the files its manifest lists")
        void artifactsReadBack() throws Exception {
            check(c -> c.artifactsReadBackInFull());
        }

        @Test
        @DisplayName("serve a second run of the same pipeline from the cache, without running the stage")
        void secondRunIsCached() throws Exception {
            check(c -> c.secondRunIsServedFromCache());
        }

        @Test
        @DisplayName("are byte-identical in a fresh workspace under the same seed, apart from declared timings")
        void deterministicUnderASeed() throws Exception {
            check(c -> c.sameSeedGivesIdenticalOutputs());
        }
    }

    @Nested
    @DisplayName("its metrics")
    class Metrics {
        @Test
        @DisplayName("have fixed snake_case names, counters and only counters ending in _total, every counter listed in counters()")
        void namesAreFixedWords() throws Exception {
            check(c -> c.metricNamesAreFixedWords());
        }
    }

    @Nested
    @DisplayName("a run cancelled while it works")
    class WhenCancelled {
        @Test
        @DisplayName("stops within the cancellation limit")
        void stopsInTime() throws Exception {
            check(c -> c.stopsInTimeWhenCancelled());
        }

        @Test
        @DisplayName("ends as cancelled, the stage stopping with a CancellationException")
        void endsCancelled() throws Exception {
            check(c -> c.endsCancelledWithCancellationException());
        }

        @Test
        @DisplayName("commits none of the stopped invocation's outputs and leaves no temporary files")
        void commitsNothing() throws Exception {
            check(c -> c.commitsNothingOfTheStoppedInvocation());
        }
    }
}
