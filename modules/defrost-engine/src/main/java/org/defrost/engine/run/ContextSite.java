package org.defrost.engine.run;

/**
 * Where a context's reports go: the listener of the run (or of the worker) and the names its log lines
 * and metrics carry.
 *
 * @param listener  hears progress, status lines and stage metrics
 * @param runId     the run the work belongs to
 * @param stageId   the stage's id in the pipeline
 * @param stageType the stage's type
 */
record ContextSite(RunListener listener, String runId, String stageId, String stageType) {
}
