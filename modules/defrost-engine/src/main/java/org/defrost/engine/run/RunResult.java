package org.defrost.engine.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a run ended.
 *
 * @param runId        the run's id
 * @param status       {@link RunRecord#SUCCEEDED}, {@link RunRecord#FAILED} or {@link RunRecord#CANCELLED}
 * @param runDirectory {@code runs/<run-id>} with {@code run.json}, the pipeline file and links to outputs
 * @param outputs      artifact directories by stage id, for every invocation that finished
 * @param failure      the first failure, or null
 */
public record RunResult(String runId, String status, Path runDirectory, Map<String, List<Path>> outputs,
                        Exception failure) {

    public boolean succeeded() {
        return RunRecord.SUCCEEDED.equals(status);
    }
}
