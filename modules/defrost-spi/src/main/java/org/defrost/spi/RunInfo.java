package org.defrost.spi;

import java.nio.file.Path;

/**
 * The run a stage invocation belongs to, for stages that describe the run itself (reports, provenance).
 *
 * @param runId        the run's id
 * @param pipeline     the pipeline's name
 * @param pipelineFile the pipeline file as given
 * @param pipelineText the pipeline file's text as run
 * @param recordFile   the run record ({@code run.json}), rewritten as invocations finish: it lists every
 *                     earlier invocation with its status (computed, cached, failed), outputs and timing
 */
public record RunInfo(String runId, String pipeline, Path pipelineFile, String pipelineText, Path recordFile) {
}
