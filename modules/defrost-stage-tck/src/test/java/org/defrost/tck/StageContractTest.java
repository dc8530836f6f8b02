package org.defrost.tck;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defrost.spi.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The kit's checks catch stages that break the contract, and say how. */
class StageContractTest {
    @TempDir
    Path root;
    private int contracts;

    /** A fresh directory for each contract: contracts sharing workspaces would share their cached artifacts. */
    private Path dir() {
        return root.resolve("contract-" + contracts++);
    }

    private StageContract contract(Stage stage, Set<String> timingFiles, Duration cancellationLimit) {
        return contract(stage, timingFiles, Set.of(), cancellationLimit);
    }

    private StageContract contract(Stage stage, Set<String> timingFiles, Set<String> timingMetadata, Duration cancellationLimit) {
        Map<String, Object> valid = Map.of("size", 2L);
        return new StageContract(new ContractSubject(stage, valid, List.of(), d -> Map.of(), 1, timingFiles, timingMetadata,
                Map.of("size", 2L, "waitForCancellation", true), CancelAt.FIRST_REPORT, cancellationLimit), dir());
    }

    private static void failsSaying(Executable check, String... fragments) {
        AssertionError e = assertThrows(AssertionError.class, check);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "expected \"" + f + "\" in: " + e.getMessage());
        }
    }

    @Test
    void determinismCheckNamesTheFileAndMetadataThatDifferAndAcceptsThemOnceDeclared() throws Exception {
        failsSaying(() -> contract(new MisbehavingStages.Clock(), Set.of(), Duration.ofSeconds(30)).sameSeedGivesIdenticalOutputs(),
                "file now.txt differs", "timingDependentFiles()", "metadata 'now' differs", "timingDependentMetadata()");
        contract(new MisbehavingStages.Clock(), Set.of("now.txt"), Set.of("now"), Duration.ofSeconds(30))
                .sameSeedGivesIdenticalOutputs();
    }

    @Test
    void determinismCheckRefusesTimingDeclarationsForFilesOrMetadataTheStageDoesNotWrite() {
        failsSaying(() -> contract(new MisbehavingStages.Clock(), Set.of("now.txt", "clock.csv"), Set.of("now", "elapsed"),
                Duration.ofSeconds(30)).sameSeedGivesIdenticalOutputs(), "names clock.csv, which no output of the stage holds",
                "names elapsed, which no output of the stage records");
    }

    @Test
    void metricCheckRefusesNamesThatAreNotFixedSnakeCaseWords() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> contract(new MisbehavingStages.Clock(), Set.of(), Duration.ofSeconds(30)).metricNamesAreFixedWords());
        assertTrue(e.getMessage().contains("'Elapsed-Seconds' is not lower-case words"), e.getMessage());
        assertTrue(e.getMessage().contains("'writes': counters, and only counters, end in _total"), e.getMessage());
        assertTrue(e.getMessage().contains("'writes' is counted but not listed in counters()"), e.getMessage());
        assertTrue(e.getMessage().contains("counters() lists 'elapsed': counter names are snake_case words ending in _total"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("lines_total"), e.getMessage());
    }

    @Test
    void cancellationCheckRefusesAStageThatHidesTheCancellationBehindAnotherFailure() throws Exception {
        StageContract c = contract(new MisbehavingStages.Swallowing(), Set.of(), Duration.ofSeconds(30));
        failsSaying(c::endsCancelledWithCancellationException, "at its first progress report (\"starting\")",
                "did not stop by throwing CancellationException", "IllegalStateException: gave up");
        c.stopsInTimeWhenCancelled();
        c.commitsNothingOfTheStoppedInvocation();
    }

    @Test
    void cancellationCheckRefusesAStageThatDoesNotStopWithinTheLimit() throws Exception {
        StageContract c = contract(new MisbehavingStages.Stubborn(), Set.of(), Duration.ofMillis(300));
        try {
            failsSaying(c::stopsInTimeWhenCancelled, "had not ended 0.3 s later", "poll context.cancellation()");
        } finally {
            MisbehavingStages.Stubborn.RELEASE.countDown();
            c.awaitCancelledRunEnd(Duration.ofSeconds(30));
        }
    }

    @Test
    void parameterCheckRefusesAnExampleTheStageAcceptsOrBlamesOnAnotherParameter() throws Exception {
        Map<String, Object> valid = Map.of("factor", 2.0);
        StageContract c = new StageContract(new ContractSubject(new ScaleNumbersStage(), valid,
                List.of(Upstream.of(new MakeNumbersStage(), Map.of())), d -> Map.of(), 1, Set.of(), Set.of(), valid,
                CancelAt.FIRST_REPORT, Duration.ofSeconds(30)), dir());
        failsSaying(() -> c.refuses(InvalidParameters.of("chunks", 3), false), "parameters chunks: 3 were accepted");
        failsSaying(() -> c.refuses(InvalidParameters.of(Map.of("rounding", "integer", "factor", 2.5), "rounding"), false),
                "no problem names stages[1].with.rounding", "rounding: integer needs a whole factor");
        failsSaying(() -> c.refuses(InvalidParameters.of("chunks", 0).mentioning("too few"), false), "lacks \"too few\"");
        c.refuses(InvalidParameters.of(Map.of("rounding", "integer", "factor", 2.5), "factor"), false);
    }

    @Test
    void runChecksExplainAPipelineWithoutTheStagesInputs() {
        Map<String, Object> valid = Map.of();
        StageContract c = new StageContract(new ContractSubject(new ScaleNumbersStage(), valid, List.of(),
                d -> Map.of(), 1, Set.of(), Set.of(), valid, CancelAt.FIRST_REPORT, Duration.ofSeconds(30)), dir());
        failsSaying(c::commitsEveryDeclaredOutput, "the kit's pipeline is invalid", "upstream() or sampleArtifacts()",
                "needs an artifact of kind 'numbers'");
    }
}
