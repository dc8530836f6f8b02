package org.defrost.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.run.Invocation;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunListener;
import org.defrost.engine.run.RunRecord;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.spi.RunRecordData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped in the middle of a fan-out: a stop, not a failure, and a record of only what was written. */
class RunStopTest {
    @TempDir
    Path dir;
    PipelineRunner runner;
    ArtifactStore store;

    @BeforeEach
    void start() throws Exception {
        TestStages.reset();
        store = new ArtifactStore(dir.resolve("work"));
        runner = new PipelineRunner(store, 1);
    }

    @AfterEach
    void stop() {
        runner.close();
        TestStages.reset();
    }

    /** Counts what listeners hear about failures and stops. */
    static final class Heard implements RunListener {
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger cancelled = new AtomicInteger();
        final AtomicInteger unitsCancelled = new AtomicInteger();
        final AtomicInteger unitsFailed = new AtomicInteger();
        final List<String> finished = new ArrayList<>();

        @Override
        public void invocationFailed(Invocation invocation, Throwable error) {
            failed.incrementAndGet();
        }

        @Override
        public void invocationCancelled(Invocation invocation) {
            cancelled.incrementAndGet();
        }

        @Override
        public void unitCancelled(String stageType) {
            unitsCancelled.incrementAndGet();
        }

        @Override
        public void unitFinished(String stageType, boolean cached, boolean failed, double seconds) {
            if (failed) {
                unitsFailed.incrementAndGet();
            }
        }

        @Override
        public void runFinished(String runId, String pipeline, String status, double seconds) {
            finished.add(status);
        }
    }

    private RunResult run(RunControl control, RunListener listener) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, PipelineRunnerTest.PIPELINE);
        return runner.run(new PipelineParser(TestStages.registry()).parse(file), listener, control);
    }

    @Test
    void aRunStoppedMidFanOutIsCancelledEverywhereAndRecordsOnlyWrittenArtifacts() throws Exception {
        RunControl control = new RunControl();
        TestStages.stopRun = control;
        TestStages.stopAtUnit = "sum-{scale=2.0}-1";
        Heard heard = new Heard();
        RunResult r = run(control, heard);

        assertEquals(RunRecord.CANCELLED, r.status());
        assertTrue(r.cancelled());
        assertEquals(0, heard.failed.get(), "a stop is not reported as a failure");
        assertTrue(heard.cancelled.get() >= 1, "the stopped invocation is reported as cancelled");
        assertEquals(0, heard.unitsFailed.get(), "stopped units are not failed units");
        assertEquals(List.of(RunRecord.CANCELLED), heard.finished);

        RunRecordData record = RunRecord.read(r.runDirectory().resolve("run.json"));
        assertEquals(RunRecord.CANCELLED, record.status());
        assertTrue(record.error().message().contains("stopped"), record.error().message());
        boolean sawStoppedSums = false;
        for (RunRecordData.InvocationEntry inv : record.invocations()) {
            assertFalse(inv.status().equals(RunRecord.FAILED), inv.toString());
            for (String key : inv.outputs().values()) {
                assertTrue(store.find(key).isPresent(), "recorded output " + key + " of " + inv + " is in the store");
            }
            for (String key : inv.unitArtifacts()) {
                assertTrue(store.find(key).isPresent(), "recorded unit artifact " + key + " is in the store");
            }
            if (inv.stageId().equals("sums") && inv.cell().get("scale").equals(2.0)) {
                assertEquals(RunRecord.CANCELLED, inv.status());
                sawStoppedSums = true;
                assertEquals(java.util.Map.of(), inv.outputs(), "the stopped invocation wrote no output");
                assertEquals(2, inv.units().planned());
                assertEquals(1, inv.unitArtifacts().size(), "the unit of seed 0 finished before the stop");
                assertTrue(inv.error().contains("after 1 of 2 work units"), inv.error());
            }
        }
        assertTrue(sawStoppedSums, "the stopped invocation is recorded: " + record.invocations());
        assertEquals(3, record.stages().size());
        assertEquals(List.of("sums"), record.stages().get(1).produces());

        TestStages.reset();
        RunResult rerun = run(new RunControl(), new RunListener() { });
        assertTrue(rerun.succeeded(), () -> String.valueOf(rerun.failure()));
        assertEquals(0, TestStages.runs("emit"), "the rerun reuses every finished invocation");
        assertEquals(3, TestStages.runs("unit"), "the 3 units finished before the stop are reused");
    }

    @Test
    void outputsAreNamedByMatrixValuesAndLatestPointsAtTheNewestRun() throws Exception {
        RunResult first = run(new RunControl(), new RunListener() { });
        Path outputs = first.runDirectory().resolve("outputs");
        assertTrue(Files.isSymbolicLink(outputs.resolve("numbers-scale=2.0-s1-numbers")));
        assertTrue(Files.isSymbolicLink(outputs.resolve("sums-scale=3.0-sums")));
        assertTrue(Files.isSymbolicLink(outputs.resolve("table-table")), "a whole-pipeline stage has no matrix values");
        Path latest = dir.resolve("work/runs/latest");
        assertEquals(first.runDirectory().toRealPath(), latest.toRealPath());
        RunResult second = run(new RunControl(), new RunListener() { });
        assertEquals(second.runDirectory().toRealPath(), latest.toRealPath());
        assertEquals(second.runId(), org.defrost.engine.run.RunFiles.resolveId(dir.resolve("work/runs"), "latest"));
        assertEquals(first.artifacts().get("sums").stream().map(a -> a.key()).toList(),
                second.artifacts().get("sums").stream().map(a -> a.key()).toList(), "the result carries the stored artifacts");
    }
}
