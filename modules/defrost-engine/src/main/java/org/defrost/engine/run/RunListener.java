package org.defrost.engine.run;

/**
 * Hears what a run does, for progress displays and metrics. Called from worker threads; implementations
 * must be thread-safe and quick. Every method has a no-op default.
 */
public interface RunListener {

    /** A run begins; {@code invocations} counts every stage invocation it plans. */
    default void runStarted(String runId, String pipeline, int invocations) {
    }

    /** A stage begins its invocations. */
    default void stageStarted(String stageId, String stageType, int invocations) {
    }

    /** An invocation finished, from cache or computed. */
    default void invocationFinished(Invocation invocation, boolean cached, double seconds) {
    }

    /** An invocation failed. */
    default void invocationFailed(Invocation invocation, Throwable error) {
    }

    /**
     * An invocation stopped because the run is being stopped (Ctrl-C, SIGTERM, the service stopping): not a
     * failure; a rerun resumes it.
     */
    default void invocationCancelled(Invocation invocation) {
    }

    /** A work unit stopped because the run is being stopped; it neither failed nor finished. */
    default void unitCancelled(String stageType) {
    }

    /** A stage invocation fanned out {@code count} units. */
    default void unitsPlanned(String stageType, int count) {
    }

    /** A unit finished, from cache or computed; {@code failed} when it threw. */
    default void unitFinished(String stageType, boolean cached, boolean failed, double seconds) {
    }

    /** A stage reported a status line. */
    default void status(String stageId, String message) {
    }

    /** A stage recorded a metric value; see {@link org.defrost.spi.StageMetrics}. */
    default void metric(String stageType, String name, MetricKind kind, double value) {
    }

    /** An artifact was committed to the store. */
    default void artifactWritten(String kind, long bytes) {
    }

    /** The run ended with {@code status} (succeeded, failed or cancelled). */
    default void runFinished(String runId, String pipeline, String status, double seconds) {
    }

    /** How a stage metric is recorded. */
    enum MetricKind { COUNTER, GAUGE, TIMER_SECONDS }
}
