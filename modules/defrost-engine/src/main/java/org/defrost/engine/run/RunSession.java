package org.defrost.engine.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineStage;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.StoredArtifact;
import org.defrost.spi.RunInfo;
import org.defrost.spi.RunRecordData;

/**
 * The shared state of one run: the pipeline, the store, what each invocation produced so far, and the
 * compute permits that keep the number of busy threads at the run's thread setting.
 */
final class RunSession {
    final String runId;
    final Pipeline pipeline;
    final ArtifactStore store;
    final RunListener listener;
    final RunRecord record;
    final RunControl control;
    final int threads;
    /** One permit per thread allowed to compute; a stage waiting for its units holds none. */
    final Semaphore permits;
    /** Where the run's work units go. */
    final UnitDispatcher dispatcher;
    final List<Map<String, Object>> cells;
    final RunInfo info;
    /** Time limit for stages without their own; null for none. */
    final java.time.Duration defaultTimeout;
    private final ConcurrentMap<String, Map<String, StoredArtifact>> outputs = new ConcurrentHashMap<>();

    RunSession(String runId, Pipeline pipeline, ArtifactStore store, RunListener listener, java.nio.file.Path recordFile,
               RunControl control, int threads, UnitDispatcher dispatcher, java.time.Duration defaultTimeout) {
        this.defaultTimeout = defaultTimeout;
        this.runId = runId;
        this.pipeline = pipeline;
        this.store = store;
        this.listener = listener;
        this.control = control;
        this.threads = threads;
        this.permits = new Semaphore(threads, true);
        this.dispatcher = dispatcher;
        this.cells = pipeline.matrixCells();
        List<RunRecordData.PlannedStage> planned = new ArrayList<>();
        for (PipelineStage stage : pipeline.stages()) {
            planned.add(new RunRecordData.PlannedStage(stage.id(), stage.type(), invocations(stage).size(),
                    stage.stage().stage().descriptor().produces()));
        }
        this.record = new RunRecord(recordFile, runId, pipeline.name(), pipeline.file(), store.workspace(), planned);
        this.info = new RunInfo(runId, pipeline.name(), pipeline.file(), pipeline.text(), record.file());
    }

    /** The invocations of a stage, in cell then seed order. */
    List<Invocation> invocations(PipelineStage stage) {
        return RunPlan.invocations(pipeline, stage, cells);
    }

    /** Records the outputs of a finished invocation for later stages. */
    void putOutputs(Invocation inv, Map<String, StoredArtifact> byKind) {
        outputs.put(slot(inv.stage().index(), inv.cellIndex(), inv.seedIndex()), Map.copyOf(byKind));
    }

    /**
     * The artifacts of {@code kind} that feed {@code consumer}: those of the source stage's invocations in
     * the same cell (when both have cells) and with the same seed index (when both run per seed), in
     * cell then seed order.
     */
    List<ArtifactView> inputs(Invocation consumer, String kind) {
        Integer sourceIndex = consumer.stage().inputSources().get(kind);
        if (sourceIndex == null) {
            return List.of();
        }
        PipelineStage source = pipeline.stages().get(sourceIndex);
        List<ArtifactView> found = new ArrayList<>();
        for (Invocation producerInv : invocations(source)) {
            if (RunPlan.feeds(producerInv, consumer)) {
                Map<String, StoredArtifact> out = outputs.get(slot(sourceIndex, producerInv.cellIndex(), producerInv.seedIndex()));
                if (out == null || !out.containsKey(kind)) {
                    throw new IllegalStateException("input of kind '" + kind + "' from " + producerInv.label() + " is not available");
                }
                found.add(new ArtifactView(out.get(kind), producerInv.cell(), producerInv.seedIndex()));
            }
        }
        return found;
    }

    /** Outputs of each invocation of a stage, in invocation order; null where an invocation did not finish. */
    List<Map<String, StoredArtifact>> outputsOf(PipelineStage stage) {
        List<Map<String, StoredArtifact>> out = new ArrayList<>();
        for (Invocation inv : invocations(stage)) {
            out.add(outputs.get(slot(stage.index(), inv.cellIndex(), inv.seedIndex())));
        }
        return out;
    }

    /** Threads each invocation of a wave of {@code waveSize} invocations may use. */
    int threadsPerInvocation(int waveSize) {
        return Math.max(1, threads / Math.max(1, Math.min(threads, waveSize)));
    }

    private static String slot(int stage, int cell, int seed) {
        return stage + "/" + cell + "/" + seed;
    }
}
