package org.defrost.service;

import java.util.Locale;
import org.defrost.engine.run.Invocation;
import org.defrost.engine.run.RunListener;

/**
 * Logs what one run does, every line carrying the file and run id, and remembers the first failed invocation
 * so that the error file can name the stage and cell.
 */
final class RunEvents implements RunListener {
    private final String file;
    private volatile String runId;
    private volatile Invocation firstFailed;

    /** @param file the ticket name of the file being run */
    RunEvents(String file) {
        this.file = file;
    }

    /** The run id once the run has started, else null. */
    String runId() {
        return runId;
    }

    /** The first invocation that failed, or null. */
    Invocation firstFailed() {
        return firstFailed;
    }

    @Override
    public void runStarted(String runId, String pipeline, int invocations) {
        this.runId = runId;
        ServiceLog.info("run-started", "file", file, "run", runId, "pipeline", pipeline, "invocations", invocations);
    }

    @Override
    public void stageStarted(String stageId, String stageType, int invocations) {
        ServiceLog.info("stage-started", "run", runId, "stage", stageId, "type", stageType, "invocations", invocations);
    }

    @Override
    public void invocationFinished(Invocation invocation, boolean cached, double seconds) {
        ServiceLog.debug("invocation-finished", "run", runId, "invocation", invocation.label(),
                "cached", cached, "seconds", seconds(seconds));
    }

    @Override
    public synchronized void invocationFailed(Invocation invocation, Throwable error) {
        if (firstFailed == null) {
            firstFailed = invocation;
        }
        ServiceLog.warn("invocation-failed", "run", runId, "invocation", invocation.label(),
                "type", invocation.stage().type(), "error", String.valueOf(error.getMessage()));
    }

    /** A stop is not a failure: logged at INFO as {@code invocation-cancelled}. */
    @Override
    public void invocationCancelled(Invocation invocation) {
        ServiceLog.info("invocation-cancelled", "run", runId, "invocation", invocation.label(),
                "type", invocation.stage().type());
    }

    @Override
    public void status(String stageId, String message) {
        ServiceLog.debug("stage-status", "run", runId, "stage", stageId, "status", message);
    }

    @Override
    public void runFinished(String runId, String pipeline, String status, double seconds) {
        ServiceLog.info("run-finished", "file", file, "run", runId, "pipeline", pipeline, "status", status,
                "seconds", seconds(seconds));
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }
}
