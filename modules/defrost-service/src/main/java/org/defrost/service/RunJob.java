package org.defrost.service;

import java.io.IOException;
import java.nio.file.Path;
import org.defrost.engine.preflight.MemoryEstimate;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunRecord;
import org.defrost.engine.run.RunResult;
import org.defrost.monitoring.DefrostMetrics;
import org.defrost.monitoring.RunListeners;

/**
 * Runs one validated pipeline file on a worker thread and moves the file according to the outcome:
 * {@code processed/} when the run succeeds, {@code failed/} with the reason when it fails (a stage threw or
 * exceeded its time limit, the store could not be written), and nowhere when the service is stopping, so
 * that the file stays in {@code .running/} and the run resumes at the next start.
 */
final class RunJob implements Runnable {
    /** What every job shares. */
    record Context(Inbox inbox, PipelineRunner runner, DefrostMetrics metrics, ServiceMetrics counts,
                   MemoryBudget memory, RunningRuns runs) {
    }

    private final Context context;
    private final Ticket ticket;
    private final PipelineCheck.Checked checked;

    RunJob(Context context, Ticket ticket, PipelineCheck.Checked checked) {
        this.context = context;
        this.ticket = ticket;
        this.checked = checked;
    }

    @Override
    public void run() {
        context.counts().queued().decrementAndGet();
        long bytes = checked.memory().bytes();
        try {
            if (context.memory().mustWait(bytes)) {
                ServiceLog.info("run-waiting", "file", ticket.name(), "reason", "memory",
                        "needs", MemoryEstimate.bytes(bytes), "inUse", MemoryEstimate.bytes(context.memory().inUse()));
            }
            if (context.runs().stopping() || !context.memory().acquire(bytes)) {
                interrupted(null);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupted(null);
            return;
        }
        RunControl control = new RunControl();
        try {
            if (!context.runs().add(control)) {
                interrupted(null);
                return;
            }
            context.counts().running().incrementAndGet();
            try {
                runAndFile(control);
            } finally {
                context.counts().running().decrementAndGet();
                context.runs().remove(control);
            }
        } finally {
            context.memory().release(bytes);
        }
    }

    private void runAndFile(RunControl control) {
        RunEvents events = new RunEvents(ticket.name());
        Path failedFile = context.inbox().failedPath(ticket);
        RunResult result;
        try {
            result = context.runner().run(checked.pipeline(),
                    RunListeners.compose(context.metrics().runListener(checked.pipeline()), events), control);
        } catch (Exception | LinkageError | VirtualMachineError e) {
            // A run that cannot even write its record, or a stage that broke the JVM's limits: the service goes on.
            if (control.isCancelled()) {
                interrupted(events.runId());
            } else {
                ServiceLog.error("run-broke", "file", ticket.name(), "run", events.runId(), "error", Reports.describe(e));
                fail(Reports.runBroke(failedFile, events.runId(), e), ServiceMetrics.FAILED);
            }
            return;
        }
        if (result.succeeded()) {
            try {
                Path moved = context.inbox().succeed(ticket, Reports.succeeded(result));
                context.counts().ended(ServiceMetrics.PROCESSED);
                ServiceLog.info("file-processed", "file", ticket.name(), "run", result.runId(), "moved", moved);
            } catch (IOException e) {
                ServiceLog.error("file-not-moved", "file", ticket.name(), "run", result.runId(), "error", e.getMessage());
            }
        } else if (RunRecord.CANCELLED.equals(result.status())) {
            interrupted(result.runId());
        } else {
            fail(Reports.runFailed(failedFile, checked.pipeline(), result, events.firstFailed()), ServiceMetrics.FAILED);
        }
    }

    private void interrupted(String runId) {
        context.counts().ended(ServiceMetrics.INTERRUPTED);
        ServiceLog.info("run-interrupted", "file", ticket.name(), "run", runId, "kept", ticket.file());
    }

    private void fail(String error, String outcome) {
        fail(context, ticket, error, outcome);
    }

    /** Moves the file of {@code ticket} to {@code failed/} with {@code error} beside it. */
    static void fail(Context context, Ticket ticket, String error, String outcome) {
        try {
            Path moved = context.inbox().fail(ticket, error);
            context.counts().ended(outcome);
            ServiceLog.warn("file-failed", "file", ticket.name(), "moved", moved,
                    "error", error.lines().findFirst().orElse(""));
        } catch (IOException e) {
            ServiceLog.error("file-not-moved", "file", ticket.name(), "error", e.getMessage());
        }
    }
}
