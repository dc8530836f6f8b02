package org.defrost.tck;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunListener;

/**
 * Watches the stage under test during one kit run: how often its {@code run} and {@code runUnit} methods are
 * entered, the metric names it records, and, when asked to, cancels the run at the chosen point.
 */
final class RunObserver implements RunListener {
    private final String stageType;
    private final CancelAt cancelAt;
    final RunControl control = new RunControl();
    final AtomicInteger runs = new AtomicInteger();
    final AtomicInteger units = new AtomicInteger();
    /** Metric names of the stage under test, with every kind each was recorded as. */
    final Map<String, Set<MetricKind>> metrics = new ConcurrentHashMap<>();
    /** Completes with how the run was cancelled, the moment it is. */
    final CompletableFuture<String> cancelled = new CompletableFuture<>();

    /** @param cancelAt when to cancel the run, or null never to */
    RunObserver(String stageType, CancelAt cancelAt) {
        this.stageType = stageType;
        this.cancelAt = cancelAt;
    }

    private void cancel(String how) {
        if (cancelAt != null && !cancelled.isDone()) {
            control.cancel();
            cancelled.complete(how);
        }
    }

    void stageRunning() {
        runs.incrementAndGet();
    }

    void stageReturned() {
        cancel("when its run method returned, before the engine committed its outputs");
    }

    void unitStarting() {
        units.incrementAndGet();
        cancel("as its first work unit started");
    }

    @Override
    public void status(String stageId, String message) {
        if (KitPipeline.STAGE_ID.equals(stageId) && cancelAt == CancelAt.FIRST_REPORT) {
            cancel("at its first progress report (\"" + message + "\")");
        }
    }

    @Override
    public void metric(String type, String name, MetricKind kind, double value) {
        if (stageType.equals(type)) {
            metrics.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(kind);
            if (cancelAt == CancelAt.FIRST_REPORT) {
                cancel("at its first metric (" + name + ")");
            }
        }
    }
}
