package org.defrost.report;

import java.nio.file.Path;
import java.util.List;

/** A run id that has no record in the workspace. */
public final class UnknownRunException extends Exception {
    private final List<String> recentRunIds;

    public UnknownRunException(String runId, Path workspace, List<String> recentRunIds) {
        super("no run '" + runId + "' in workspace " + workspace
                + (recentRunIds.isEmpty() ? " (it has no runs)" : "; most recent runs: " + String.join(", ", recentRunIds)));
        this.recentRunIds = List.copyOf(recentRunIds);
    }

    /** The workspace's most recent run ids, newest first. */
    public List<String> recentRunIds() {
        return recentRunIds;
    }
}
