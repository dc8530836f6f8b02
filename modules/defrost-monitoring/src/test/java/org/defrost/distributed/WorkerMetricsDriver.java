package org.defrost.distributed;

/**
 * Reports work units to a {@link WorkerMetrics} as a worker does, for monitoring tests that scrape a worker's
 * meters without a broker. Lives in the worker's package to reach its package-private reporting methods.
 */
public final class WorkerMetricsDriver {
    private final WorkerMetrics metrics;

    public WorkerMetricsDriver(WorkerMetrics metrics) {
        this.metrics = metrics;
    }

    /** A unit starts. */
    public void started() {
        metrics.started();
    }

    /** A started unit finished with {@code outcome} ({@code computed}, {@code cached} or {@code failed}). */
    public void finished(String outcome, double seconds) {
        metrics.finished(outcome, seconds);
    }
}
