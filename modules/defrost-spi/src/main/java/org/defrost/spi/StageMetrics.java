package org.defrost.spi;

import java.time.Duration;

/**
 * Metrics a stage publishes. The engine prefixes names with {@code defrost_stage_} and tags them
 * with the stage type only, so names must be fixed words (never a seed, cell or run id).
 */
public interface StageMetrics {

    /** Adds {@code amount} to the counter {@code name} (a name ending in {@code _total}). */
    void count(String name, double amount);

    /** Sets the gauge {@code name} to {@code value} (e.g. the current validation error). */
    void set(String name, double value);

    /** Records one duration under the timer {@code name}. */
    void time(String name, Duration duration);
}
