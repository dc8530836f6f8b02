package org.defrost.spi;

import java.util.List;
import java.util.Map;

/**
 * The schema of a run record, {@code runs/<run-id>/run.json}: the engine writes it (after every invocation,
 * so a run that crashes still leaves a record), and the report stage, {@code defrost report}, {@code defrost
 * runs} and {@code defrost gc} read it. A stage finds the file through {@link RunInfo#recordFile()}. Readers
 * ignore fields they do not know, so that fields can be added.
 *
 * @param runId        the run's id, {@code yyyyMMdd-HHmmss-xxxx}
 * @param pipeline     the pipeline's name
 * @param pipelineFile absolute path of the pipeline file as given
 * @param workspace    absolute path of the workspace
 * @param startedAt    ISO-8601 instant the run started
 * @param software     versions by name ({@code defrost}, {@code java}, {@code os})
 * @param stages       every stage of the pipeline with the number of invocations planned for it
 * @param status       {@link #RUNNING}, {@link #SUCCEEDED}, {@link #FAILED} or {@link #CANCELLED}
 * @param finishedAt   ISO-8601 instant the run ended; null while it runs
 * @param seconds      wall-clock duration in seconds; null while it runs
 * @param error        why the run failed or stopped; null when it succeeded or runs
 * @param invocations  the invocations that ended so far, in the order they ended
 */
public record RunRecordData(String runId, String pipeline, String pipelineFile, String workspace, String startedAt,
                            Map<String, String> software, List<PlannedStage> stages, String status, String finishedAt,
                            Double seconds, Failure error, List<InvocationEntry> invocations) {
    /** A run in progress (or one whose process was killed). */
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    /** Stopped by Ctrl-C, SIGTERM or the service stopping: finished work is kept and a rerun resumes. */
    public static final String CANCELLED = "cancelled";

    public RunRecordData {
        software = software == null ? Map.of() : software;
        stages = stages == null ? List.of() : stages;
        invocations = invocations == null ? List.of() : invocations;
    }

    /**
     * One stage of the pipeline as planned.
     *
     * @param id          the stage's id in the pipeline
     * @param type        the stage's type
     * @param invocations how many invocations the run planned for it
     * @param produces    the artifact kinds each invocation produces
     */
    public record PlannedStage(String id, String type, int invocations, List<String> produces) {
        public PlannedStage {
            produces = produces == null ? List.of() : produces;
        }
    }

    /**
     * One invocation that ended.
     *
     * @param stageId       the stage's id
     * @param stageType     the stage's type
     * @param cell          its matrix cell (empty for whole-pipeline stages)
     * @param seedIndex     its seed index, -1 when it spans seeds
     * @param status        {@code computed}, {@code cached}, {@code failed} or {@code cancelled}
     * @param seconds       wall-clock duration in seconds
     * @param outputs       key by kind of every output that is in the store: all of them when computed or cached,
     *                      only those committed before it failed or stopped otherwise
     * @param units         counts of its work units; null for invocations without units
     * @param unitArtifacts keys of the work units' artifacts that are in the store (what a rerun reuses)
     * @param error         why it failed or stopped; null otherwise
     */
    public record InvocationEntry(String stageId, String stageType, Map<String, Object> cell, int seedIndex, String status,
                                  double seconds, Map<String, String> outputs, UnitCounts units,
                                  List<String> unitArtifacts, String error) {
        public InvocationEntry {
            cell = cell == null ? Map.of() : cell;
            outputs = outputs == null ? Map.of() : outputs;
            unitArtifacts = unitArtifacts == null ? List.of() : unitArtifacts;
        }
    }

    /**
     * Work unit counts of one invocation.
     *
     * @param planned  units the invocation fanned out
     * @param cached   units served from the store
     * @param computed units computed in this run
     */
    public record UnitCounts(int planned, int cached, int computed) {
    }

    /**
     * Why a run failed or stopped.
     *
     * @param message the first failure, naming the stage, cell and seed
     */
    public record Failure(String message) {
    }
}
