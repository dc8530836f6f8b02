package org.defrost.spi;

import java.time.Duration;

/**
 * Metrics a stage publishes. The engine prefixes names with {@code defrost_stage_} and tags them
 * with the stage type and pipeline name only, so names must be fixed lower-case words
 * ({@code [a-z][a-z0-9_]*}), never a seed, cell or run id. Training stages publish the gauges
 * {@code training_loss} and {@code validation_error}, the counters {@code samples_total} and
 * {@code epochs_total}, and {@code diverged_total} when training diverges: the dashboards read these.
 */
public interface StageMetrics {

    /** Adds {@code amount} to the counter {@code name} (a name ending in {@code _total}). */
    void count(String name, double amount);

    /** Sets the gauge {@code name} to {@code value} (e.g. the current validation error). */
    void set(String name, double value);

    /** Records one duration under the timer {@code name}. */
    void time(String name, Duration duration);
}
