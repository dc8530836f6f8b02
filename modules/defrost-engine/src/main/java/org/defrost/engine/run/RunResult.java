package org.defrost.engine.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.engine.store.StoredArtifact;

/**
 * How a run ended.
 *
 * @param runId        the run's id
 * @param status       {@link RunRecord#SUCCEEDED}, {@link RunRecord#FAILED} or {@link RunRecord#CANCELLED}
 * @param runDirectory {@code runs/<run-id>} with {@code run.json}, the pipeline file and links to outputs
 * @param artifacts    the stored artifacts by stage id, in pipeline order, for every invocation that finished
 * @param failure      the first failure (or the stop), or null
 */
public record RunResult(String runId, String status, Path runDirectory, Map<String, List<StoredArtifact>> artifacts,
                        Exception failure) {

    public boolean succeeded() {
        return RunRecord.SUCCEEDED.equals(status);
    }

    /** Whether the run was stopped (Ctrl-C, SIGTERM, the service stopping) rather than failing. */
    public boolean cancelled() {
        return RunRecord.CANCELLED.equals(status);
    }

    /** The artifact directories by stage id, for every invocation that finished. */
    public Map<String, List<Path>> outputs() {
        Map<String, List<Path>> out = new LinkedHashMap<>();
        artifacts.forEach((stage, list) -> out.put(stage, list.stream().map(StoredArtifact::directory).toList()));
        return out;
    }

    /** {@code runs/<run-id>/report.html}, where the run's report is (when it had a report stage). */
    public Path reportFile() {
        return runDirectory.resolve(RunFiles.REPORT);
    }
}
