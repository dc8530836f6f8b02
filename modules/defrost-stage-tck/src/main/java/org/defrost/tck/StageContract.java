package org.defrost.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.defrost.engine.pipeline.InvalidPipelineException;
import org.defrost.engine.pipeline.Problem;
import org.defrost.engine.run.RunListener.MetricKind;
import org.defrost.engine.store.StoredArtifact;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;

/**
 * The checks of the kit for one stage, with the runs they share: a reference run, the same pipeline again in
 * the same workspace, a repeat in a fresh workspace, and a cancelled run. Each check fails with an
 * {@link AssertionError} that says what the stage did wrong.
 */
final class StageContract {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final String MANIFEST = "manifest.json";

    private final ContractSubject s;
    private final Path directory;
    private final Lazy<Map<String, List<SampleArtifact>>> samples;
    private final Lazy<KitRun.Outcome> reference;
    private final Lazy<KitRun.Outcome> rerun;
    private final Lazy<KitRun.Outcome> repeat;
    private final Lazy<KitRun.Outcome> cancelled;

    /** @param directory where the checks keep their workspaces and files (empty at first) */
    StageContract(ContractSubject subject, Path directory) {
        this.s = subject;
        this.directory = directory;
        this.samples = new Lazy<>(() -> checkedSamples(subject.samples().write(Files.createDirectories(directory.resolve("samples")))));
        this.reference = new Lazy<>(() -> KitRun.run(s, samples.get(), directory.resolve("reference"), s.validParameters(), false));
        this.rerun = new Lazy<>(() -> {
            reference.get();
            return KitRun.run(s, samples.get(), directory.resolve("reference"), s.validParameters(), false);
        });
        this.repeat = new Lazy<>(() -> {
            Workspaces.seedWithUpstreamArtifacts(reference.get().store(), directory.resolve("repeat"));
            return KitRun.run(s, samples.get(), directory.resolve("repeat"), s.validParameters(), false);
        });
        this.cancelled = new Lazy<>(() -> {
            Workspaces.seedWithUpstreamArtifacts(reference.get().store(), directory.resolve("cancelled"));
            return KitRun.run(s, samples.get(), directory.resolve("cancelled"), s.cancellationParameters(), true);
        });
    }

    private Map<String, List<SampleArtifact>> checkedSamples(Map<String, List<SampleArtifact>> found) {
        found.forEach((kind, list) -> {
            if (list.size() != 1 && list.size() != s.seeds()) {
                throw new IllegalStateException("sampleArtifacts() gives " + list.size() + " artifacts of kind '" + kind
                        + "'; give one per seed (" + s.seeds() + ") or one for every seed");
            }
            for (SampleArtifact a : list) {
                if (!Files.isDirectory(a.directory())) {
                    throw new IllegalStateException("sample artifact of kind '" + kind + "': " + a.directory()
                            + " is not a directory");
                }
            }
        });
        return found;
    }

    private StageDescriptor descriptor() {
        return s.stage().descriptor();
    }

    /** Fails listing the problems a declaration rule finds. */
    void declarationFollows(Function<StageDescriptor, List<String>> rule, String rulePurpose) {
        List<String> problems = rule.apply(descriptor());
        if (!problems.isEmpty()) {
            fail(rulePurpose + ":\n  " + String.join("\n  ", problems));
        }
    }

    // ---- parameters ----------------------------------------------------------------------------------------

    void acceptsValidParameters() throws Exception {
        KitPipeline p = KitPipeline.of(s.type(), s.seeds(), !samples.get().isEmpty(), s.upstream(), s.validParameters());
        try {
            KitRun.parse(KitRun.registry(s.stage(), s, samples.get()), p, directory.resolve("parameters/valid.yaml"));
        } catch (InvalidPipelineException e) {
            fail("validParameters() are refused:\n" + e.getMessage() + "\n" + p.text());
        }
    }

    /** Cases that follow from the declaration. */
    List<InvalidParameters> derivedInvalidCases() {
        return DerivedInvalidCases.of(descriptor());
    }

    /**
     * Checks that the parser refuses {@code c} with a problem naming its parameter at its line.
     *
     * @param alone whether every problem must name that parameter (true for cases derived from the declaration,
     *              which change one value only)
     */
    void refuses(InvalidParameters c, boolean alone) throws Exception {
        Map<String, Object> parameters = c.applyTo(s.validParameters());
        KitPipeline p = KitPipeline.of(s.type(), s.seeds(), !samples.get().isEmpty(), s.upstream(), parameters);
        Path file = directory.resolve("parameters/invalid.yaml");
        List<Problem> problems;
        try {
            KitRun.parse(KitRun.registry(s.stage(), s, samples.get()), p, file);
            fail("parameters " + c.description() + " were accepted; the stage must refuse them:\n" + p.text());
            return;
        } catch (InvalidPipelineException e) {
            problems = e.problems();
        }
        String field = "stages[" + p.stageIndex() + "].with." + c.parameter();
        List<Problem> naming = problems.stream()
                .filter(pr -> pr.field().equals(field) || pr.field().startsWith(field + "[")).toList();
        String all = problems.stream().map(Problem::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
        assertFalse(naming.isEmpty(), () -> "parameters " + c.description() + " were refused, but no problem names "
                + field + ":" + all);
        if (alone) {
            assertEquals(naming.size(), problems.size(), () -> "parameters " + c.description()
                    + " also raised problems about other fields:" + all);
        }
        int line = p.lineOf(c.parameter());
        for (Problem pr : naming) {
            assertEquals(file, pr.file(), () -> "the problem names another file: " + pr);
            if (line > 0) {
                assertEquals(line, pr.location().line(), () -> "the problem is not at the line of " + c.parameter()
                        + " (" + line + "): " + pr);
            } else {
                assertTrue(pr.location().line() >= p.withLine() && pr.location().line() <= p.withLine() + 1,
                        () -> "the problem about the absent " + c.parameter() + " is not at the stage's with: (line "
                                + p.withLine() + "): " + pr);
            }
            assertTrue(pr.message().strip().length() >= 10 && pr.message().contains(" "),
                    () -> "the problem's message does not explain itself: " + pr);
            if (c.messageFragment() != null) {
                assertTrue(pr.message().contains(c.messageFragment()), () -> "the problem's message lacks \""
                        + c.messageFragment() + "\": " + pr);
            }
        }
    }

    // ---- artifact store ------------------------------------------------------------------------------------

    private int expectedInvocations() {
        return descriptor().scope() == StageScope.EACH_SEED ? s.seeds() : 1;
    }

    private static void assertSucceeded(KitRun.Outcome o, String which) {
        if (!o.result().succeeded()) {
            throw new AssertionError(which + " ended " + o.result().status() + ": "
                    + (o.result().failure() == null ? "" : o.result().failure().getMessage()), o.result().failure());
        }
    }

    /** The stored outputs of the stage under test in a run, by kind and seed (which pair two runs' invocations). */
    private static Map<String, StoredArtifact> outputs(KitRun.Outcome o) throws IOException {
        Map<String, StoredArtifact> out = new HashMap<>();
        for (KitRun.InvocationRecord inv : o.invocations()) {
            for (Map.Entry<String, String> e : inv.outputs().entrySet()) {
                StoredArtifact a = o.store().find(e.getValue()).orElseThrow(() -> new AssertionError(
                        "output " + e.getKey() + " (" + e.getValue() + ") is not stored intact"));
                out.put(a.kind() + " of seed " + a.manifest().seed(), a);
            }
        }
        return out;
    }

    void commitsEveryDeclaredOutput() throws Exception {
        KitRun.Outcome o = reference.get();
        assertSucceeded(o, "the run");
        List<KitRun.InvocationRecord> invocations = o.invocations();
        assertEquals(expectedInvocations(), invocations.size(), "invocations of the stage in the run record");
        StageDescriptor d = descriptor();
        for (KitRun.InvocationRecord inv : invocations) {
            assertEquals("computed", inv.status(), "status of an invocation in the run record");
            assertEquals(new TreeSet<>(d.produces()), new TreeSet<>(inv.outputs().keySet()), "output kinds of an invocation");
            for (Map.Entry<String, String> e : inv.outputs().entrySet()) {
                StoredArtifact a = o.store().find(e.getValue()).orElseThrow(() -> new AssertionError("output "
                        + e.getKey() + " was not committed, or its files do not match its manifest's checksums"));
                assertEquals(e.getKey(), a.kind(), "kind in the manifest");
                assertEquals(d.type(), a.manifest().producer().stageType(), "producer type in the manifest");
                assertEquals(d.version(), a.manifest().producer().stageVersion(), "producer version in the manifest");
            }
        }
    }

    void artifactsReadBackInFull() throws Exception {
        KitRun.Outcome o = reference.get();
        assertSucceeded(o, "the run");
        for (StoredArtifact a : outputs(o).values()) {
            Set<String> onDisk = new TreeSet<>();
            try (Stream<Path> walk = Files.walk(a.directory())) {
                for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    String name = a.directory().relativize(f).toString().replace('\\', '/');
                    if (!name.equals(MANIFEST)) {
                        onDisk.add(name);
                        assertEquals(a.manifest().files().get(name) == null ? -1 : a.manifest().files().get(name).bytes(),
                                Files.readAllBytes(f).length, () -> a.kind() + ": bytes read from " + name);
                    }
                }
            }
            assertEquals(new TreeSet<>(a.manifest().files().keySet()), onDisk, a.kind() + ": files on disk against the manifest");
        }
    }

    void secondRunIsServedFromCache() throws Exception {
        KitRun.Outcome first = reference.get();
        KitRun.Outcome second = rerun.get();
        assertSucceeded(first, "the first run");
        assertSucceeded(second, "the second run");
        Set<String> firstKeys = keys(first);
        Set<String> secondKeys = keys(second);
        if (descriptor().reusable()) {
            assertEquals(0, second.observer().runs.get() + second.observer().units.get(),
                    "calls of run and runUnit in the second run of the same pipeline");
            for (KitRun.InvocationRecord inv : second.invocations()) {
                assertEquals("cached", inv.status(), "status of an invocation in the second run");
            }
            assertEquals(firstKeys, secondKeys, "output keys of the two runs");
        } else {
            assertEquals(expectedInvocations(), second.observer().runs.get(),
                    "a stage declared not reusable runs again in every run");
            assertTrue(java.util.Collections.disjoint(firstKeys, secondKeys), "outputs of a stage declared not reusable "
                    + "are keyed by run");
        }
    }

    private static Set<String> keys(KitRun.Outcome o) throws IOException {
        Set<String> keys = new TreeSet<>();
        o.invocations().forEach(inv -> keys.addAll(inv.outputs().values()));
        return keys;
    }

    void metricNamesAreFixedWords() throws Exception {
        KitRun.Outcome o = reference.get();
        assertSucceeded(o, "the run");
        List<String> problems = new ArrayList<>();
        o.observer().metrics.forEach((name, kinds) -> {
            if (!METRIC_NAME.matcher(name).matches()) {
                problems.add("'" + name + "' is not lower-case words joined by underscores");
            }
            if (kinds.size() > 1) {
                problems.add("'" + name + "' is recorded as several kinds of metric: " + new TreeSet<>(kinds));
            }
            if (kinds.contains(MetricKind.COUNTER) != name.endsWith("_total")) {
                problems.add("'" + name + "': counters, and only counters, end in _total");
            }
            if (kinds.contains(MetricKind.COUNTER) && !s.stage().counters().contains(name)) {
                problems.add("'" + name + "' is counted but not listed in counters(), so it does not exist at zero "
                        + "from the start of a run");
            }
        });
        for (String declared : s.stage().counters()) {
            if (!METRIC_NAME.matcher(declared).matches() || !declared.endsWith("_total")) {
                problems.add("counters() lists '" + declared + "': counter names are snake_case words ending in _total");
            }
        }
        if (!problems.isEmpty()) {
            fail("metric names are fixed words (never a seed, cell or run id):\n  " + String.join("\n  ", problems));
        }
    }

    // ---- determinism ---------------------------------------------------------------------------------------

    void sameSeedGivesIdenticalOutputs() throws Exception {
        KitRun.Outcome first = reference.get();
        KitRun.Outcome second = repeat.get();
        assertSucceeded(first, "the first run");
        assertSucceeded(second, "the run in a fresh workspace");
        assertEquals(expectedInvocations(), second.observer().runs.get(),
                "runs of the stage in the fresh workspace (its outputs must be computed again)");
        Map<String, StoredArtifact> a = outputs(first);
        Map<String, StoredArtifact> b = outputs(second);
        assertEquals(new TreeSet<>(a.keySet()), new TreeSet<>(b.keySet()), "outputs of the two runs");
        List<String> problems = new ArrayList<>();
        Set<String> written = new HashSet<>();
        Set<String> recorded = new HashSet<>();
        for (String which : new TreeSet<>(a.keySet())) {
            written.addAll(a.get(which).manifest().files().keySet());
            recorded.addAll(a.get(which).manifest().metadata().keySet());
            problems.addAll(OutputComparison.differences(a.get(which), b.get(which), s.timingDependentFiles(),
                    s.timingDependentMetadata()));
        }
        for (String name : new TreeSet<>(s.timingDependentFiles())) {
            if (!written.contains(name)) {
                problems.add("timingDependentFiles() names " + name + ", which no output of the stage holds");
            }
        }
        for (String name : new TreeSet<>(s.timingDependentMetadata())) {
            if (!recorded.contains(name)) {
                problems.add("timingDependentMetadata() names " + name + ", which no output of the stage records");
            }
        }
        if (!problems.isEmpty()) {
            fail("two runs with seed " + KitPipeline.SEED + " and the same inputs differ:\n  " + String.join("\n  ", problems));
        }
    }

    // ---- cancellation --------------------------------------------------------------------------------------

    private KitRun.Outcome cancelledRun() throws Exception {
        KitRun.Outcome o = cancelled.get();
        if (!o.observer().cancelled.isDone()) {
            fail("the run ended " + o.result().status() + " before the kit could cancel it"
                    + (o.result().failure() == null ? "" : ": " + o.result().failure().getMessage()));
        }
        return o;
    }

    void stopsInTimeWhenCancelled() throws Exception {
        KitRun.Outcome o = cancelledRun();
        assertTrue(o.stoppedInTime(), () -> "the run was cancelled " + o.observer().cancelled.join()
                + ", and had not ended " + String.format(java.util.Locale.ROOT, "%.1f", s.cancellationLimit().toMillis() / 1000.0)
                + " s later: poll context.cancellation() "
                + "at least once per minibatch or equivalent");
    }

    /** Waits for the cancelled run to end, also when the checks gave up on it. */
    void awaitCancelledRunEnd(java.time.Duration limit) throws Exception {
        cancelled.get().ended().get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void endsCancelledWithCancellationException() throws Exception {
        KitRun.Outcome o = cancelledRun();
        assertTrue(o.stoppedInTime(), "the run did not stop in time");
        assertEquals("cancelled", o.result().status(), "status of the cancelled run");
        boolean found = false;
        List<String> chain = new ArrayList<>();
        for (Throwable t = o.result().failure(); t != null; t = t.getCause()) {
            found |= t instanceof CancellationException;
            chain.add(t.getClass().getName() + ": " + t.getMessage());
        }
        if (!found) {
            fail("cancelled " + o.observer().cancelled.join() + ", the stage did not stop by throwing "
                    + "CancellationException (let context.cancellation().throwIfCancelled() or the trainer's "
                    + "exception through); it failed with:\n  " + String.join("\n  ", chain));
        }
    }

    void commitsNothingOfTheStoppedInvocation() throws Exception {
        KitRun.Outcome o = cancelledRun();
        assertTrue(o.stoppedInTime(), "the run did not stop in time");
        List<KitRun.InvocationRecord> stopped = o.invocations().stream().filter(i -> i.status().equals("cancelled")).toList();
        assertFalse(stopped.isEmpty(), "the run record lists no stopped (cancelled) invocation of the stage");
        for (KitRun.InvocationRecord inv : stopped) {
            // the record lists only outputs that are in the store: a stopped invocation committed none
            assertEquals(Map.of(), inv.outputs(), "outputs of a stopped invocation were committed");
        }
        assertEquals(0, Workspaces.pendingEntries(o.store()), "temporary directories left in the store after the run");
    }
}
