package org.defrost.spi;

import java.time.Duration;

/**
 * Metrics a stage publishes. The engine prefixes names with {@code defrost_stage_} and tags them
 * with the stage type and pipeline name only, so names must be fixed lower-case words
 * ({@code [a-z][a-z0-9_]*}), never a seed, cell or run id; a name ends in its unit ({@code _seconds},
 * {@code _bytes}, {@code _ratio} for 0 to 1) when it has one. Training stages publish the gauges
 * {@code training_loss} and {@code validation_error_ratio}, the counters {@code samples_total} and
 * {@code epochs_total}, and {@code diverged_total} when training diverges: the dashboards read these.
 * Counters a stage declares in {@link Stage#counters()} exist at zero from the start of a run.
 */
public interface StageMetrics {

    /**
     * Adds {@code amount} to the counter {@code name} (a name ending in {@code _total}); 0 creates the counter
     * at zero.
     */
    void count(String name, double amount);

    /** Sets the gauge {@code name} to {@code value} (e.g. the current validation error). */
    void set(String name, double value);

    /** Records one duration under the timer {@code name}. */
    void time(String name, Duration duration);
}
