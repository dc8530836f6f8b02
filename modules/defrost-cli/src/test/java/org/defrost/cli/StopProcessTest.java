package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.defrost.engine.run.RunRecord;
import org.defrost.spi.RunRecordData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping each long-running command as a terminal or a service manager does, in processes of their own: the
 * exit codes of README.md's table, the messages, and a run record that calls a stop "cancelled".
 */
class StopProcessTest {
    @TempDir
    static Path shared;
    static Path plugins;
    @TempDir
    Path dir;
    private final List<DefrostProcess> started = new java.util.ArrayList<>();

    @BeforeAll
    static void plugin() throws Exception {
        plugins = ScaleOutTest.testPlugin(shared.resolve("plugins"));
    }

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

    /** Starts the gated sweep, whose unit 'gated' waits for a file that never comes, and waits until the others are done. */
    private DefrostProcess startStuckRun(Path workspace) throws Exception {
        Path file = Files.writeString(dir.resolve("gated.yaml"), ScaleOutTest.GATED.formatted(dir.resolve("never")));
        DefrostProcess run = start("run", "run", "--workspace", workspace.toString(), "--plugins", plugins.toString(),
                "--metrics-port", "0", "--threads", "2", file.toString());
        run.await(() -> cells(workspace) == 2, 90, "two finished cells");
        return run;
    }

    private static long cells(Path workspace) {
        Path artifacts = workspace.resolve("artifacts");
        if (!Files.isDirectory(artifacts)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(artifacts)) {
            return s.count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static RunRecordData onlyRecord(Path workspace) throws Exception {
        return RunRecord.read(workspace.resolve("runs/latest/run.json"));
    }

    @Test
    void ctrlCToTheProcessGroupStopsARunWithExit130AndCallsItCancelledEverywhere() throws Exception {
        Path workspace = dir.resolve("work");
        DefrostProcess run = startStuckRun(workspace);
        run.signal("INT", true);
        assertEquals(130, run.exitCode(60), run::output);
        String err = run.stderr();
        assertTrue(err.contains("defrost: stopping (Ctrl-C); finished work is kept"), err);
        assertTrue(err.contains("To resume, run the same command again"), err);
        assertFalse((run.stdout() + err).contains("FAILED"), run::output);
        assertTrue(run.stdout().contains(" cancelled in "), run::output);
        RunRecordData record = onlyRecord(workspace);
        assertEquals(RunRecord.CANCELLED, record.status());
        RunRecordData.InvocationEntry sweep = record.invocations().get(0);
        assertEquals(RunRecord.CANCELLED, sweep.status());
        assertEquals(java.util.Map.of(), sweep.outputs(), "the stopped invocation's output was never written");
        assertEquals(2, sweep.unitArtifacts().size(), "the two finished cells are recorded");
        for (String key : sweep.unitArtifacts()) {
            assertTrue(Files.isRegularFile(workspace.resolve("artifacts").resolve(key).resolve("manifest.json")));
        }
    }

    @Test
    void sigtermStopsARunWithExit143() throws Exception {
        Path workspace = dir.resolve("work");
        DefrostProcess run = startStuckRun(workspace);
        run.signal("TERM", false);
        assertEquals(143, run.exitCode(60), run::output);
        assertTrue(run.stderr().contains("defrost: stopping (SIGTERM)"), run::output);
        assertEquals(RunRecord.CANCELLED, onlyRecord(workspace).status());
    }

    @Test
    void workerAndBrokerStoppedBySigtermExitZero() throws Exception {
        int port = WorkerProcess.freePort();
        DefrostProcess broker = start("broker", "broker", "--bind", "127.0.0.1:" + port, "--data", dir.resolve("journal").toString());
        broker.await(() -> read(broker).contains("Broker listening at"), 90, "broker start");
        DefrostProcess worker = start("worker", "worker", "--broker", "tcp://127.0.0.1:" + port, "--workspace",
                dir.resolve("work").toString(), "--plugins", plugins.toString(), "--metrics-port", "0", "--stop-grace", "0");
        worker.await(() -> read(worker).contains("takes work units from"), 90, "worker start");
        worker.signal("TERM", false);
        assertEquals(0, worker.exitCode(60), worker::output);
        assertTrue(worker.stderr().contains("defrost: worker stopping"), worker::output);
        broker.signal("TERM", false);
        assertEquals(0, broker.exitCode(60), broker::output);
    }

    @Test
    void aWorkerThatCannotReachItsBrokerSaysSoInOneLineAndExitsOne() throws Exception {
        int closed = WorkerProcess.freePort();
        DefrostProcess worker = start("worker", "worker", "--broker", "tcp://127.0.0.1:" + closed, "--workspace",
                dir.resolve("work").toString(), "--plugins", plugins.toString(), "--metrics-port", "0");
        assertEquals(1, worker.exitCode(90), worker::output);
        assertEquals(List.of("defrost: cannot reach the broker at tcp://127.0.0.1:" + closed
                + ": Cannot connect to server(s). Tried with all available servers."), worker.errorLines(), worker::output);
    }

    private static String read(DefrostProcess p) {
        return p.stdout();
    }
}
