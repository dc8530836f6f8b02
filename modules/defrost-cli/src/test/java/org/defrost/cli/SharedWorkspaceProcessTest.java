package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.defrost.engine.run.RunRecord;
import org.defrost.engine.store.Json;
import org.defrost.spi.RunRecordData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs sharing one workspace at the same time, in processes of their own: both succeed, and every artifact is
 * computed by exactly one of them (the other waits for the key's lock and finds it in the store).
 */
class SharedWorkspaceProcessTest {
    /** 2 seeds: 2 task pairs, 2 source networks, 2 plans, then one fine-tuning sweep of 2 × 2 × 3 × 2 units. */
    static final String PIPELINE = """
            pipeline: shared
            seed: 5
            seeds: 2
            stages:
              - id: tasks
                uses: chmm
                with: { inputDim: 20, sourceLatentDim: 5, targetLatentDim: 5, sourceTrainSize: 300, targetPoolSize: 200,
                        sourceTestSize: 200, targetTestSize: 200, probeSize: 50 }
              - id: source
                uses: pretrain
                with: { hidden: [8, 8], maxEpochs: 10, patience: 5 }
              - id: defrost
                uses: incremental-defrosting
              - id: finetune
                uses: fine-tune
                with: { targetSizes: [50, 150], maxEpochs: 30, patience: 10 }
            """;
    private static final int INVOCATIONS = 7;

    @TempDir
    Path dir;
    private final List<DefrostProcess> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (DefrostProcess p : started) {
            p.close();
        }
    }

    private DefrostProcess start(String name, String... args) throws Exception {
        DefrostProcess p = DefrostProcess.start(dir.resolve("logs"), name, args);
        started.add(p);
        return p;
    }

    @Test
    void twoRunsOfOnePipelineAtOnceBothSucceedAndComputeEachArtifactOnce() throws Exception {
        Path workspace = dir.resolve("work");
        Path file = Files.writeString(dir.resolve("shared.yaml"), PIPELINE);
        List<DefrostProcess> runs = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            runs.add(start(name, "run", "--workspace", workspace.toString(), "--plugins", dir.resolve("none").toString(),
                    "--metrics-port", "0", "--threads", "1", file.toString()));
        }
        for (DefrostProcess run : runs) {
            assertEquals(0, run.exitCode(300), run::output);
            assertFalse(run.output().contains("Directory not empty"), run::output);
        }
        assertComputedOnce(records(workspace), workspace);
    }

    @Test
    void serveWithConcurrencyTwoRunsOverlappingPipelinesComputingEachArtifactOnce() throws Exception {
        Path workspace = dir.resolve("work");
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        DefrostProcess serve = start("serve", "serve", "--inbox", inbox.toString(), "--workspace", workspace.toString(),
                "--plugins", dir.resolve("none").toString(), "--metrics-port", "0", "--threads", "1", "--concurrency", "2",
                "--quiet-period", "200ms");
        serve.await(() -> serve.stdout().contains("defrost serve: watching"), 90, "the service watching");
        Path staging = Files.createDirectories(dir.resolve("staging"));
        for (String name : List.of("first.yaml", "second.yaml")) {
            Files.move(Files.writeString(staging.resolve(name), PIPELINE), inbox.resolve(name));
        }
        serve.await(() -> handled(inbox) == 2, 300, "both files handled");
        try (Stream<Path> failed = Files.list(inbox.resolve("failed"))) {
            assertEquals(List.of(), failed.toList(), serve::output);
        }
        serve.signal("TERM", false);
        assertEquals(0, serve.exitCode(120), serve::output);
        List<RunRecordData> records = records(workspace);
        assertEquals(2, records.size());
        assertComputedOnce(records, workspace);
    }

    private static long handled(Path inbox) {
        Path processed = inbox.resolve("processed");
        Path failed = inbox.resolve("failed");
        try (Stream<Path> p = Files.isDirectory(processed) ? Files.list(processed) : Stream.empty();
             Stream<Path> f = Files.isDirectory(failed) ? Files.list(failed) : Stream.empty()) {
            return Stream.concat(p, f).filter(x -> x.toString().endsWith(".yaml")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static List<RunRecordData> records(Path workspace) throws Exception {
        try (Stream<Path> s = Files.list(workspace.resolve("runs"))) {
            List<RunRecordData> out = new ArrayList<>();
            for (Path d : s.filter(d -> !Files.isSymbolicLink(d)).toList()) {
                out.add(RunRecord.read(d.resolve("run.json")));
            }
            return out;
        }
    }

    /** Each invocation computed by one run only, and each fine-tuning cell by one unit only. */
    private static void assertComputedOnce(List<RunRecordData> records, Path workspace) throws Exception {
        int invocations = 0;
        int units = 0;
        for (RunRecordData r : records) {
            assertEquals(RunRecord.SUCCEEDED, r.status(), String.valueOf(r.error()));
            assertEquals(INVOCATIONS, r.invocations().size());
            for (RunRecordData.InvocationEntry inv : r.invocations()) {
                invocations += "computed".equals(inv.status()) ? 1 : 0;
                units += inv.units() == null ? 0 : inv.units().computed();
            }
        }
        assertEquals(INVOCATIONS, invocations, "every invocation was computed by one of the runs, never both");
        assertEquals(cells(workspace), units, "every cell was computed once");
        assertTrue(units > 0);
    }

    private static long cells(Path workspace) throws Exception {
        try (Stream<Path> s = Files.list(workspace.resolve("artifacts"))) {
            long n = 0;
            for (Path d : s.toList()) {
                if (Json.MAPPER.readTree(d.resolve("manifest.json").toFile()).path("kind").asText().equals("transfer-cell")) {
                    n++;
                }
            }
            return n;
        }
    }
}
