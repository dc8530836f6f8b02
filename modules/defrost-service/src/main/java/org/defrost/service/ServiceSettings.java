package org.defrost.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.defrost.engine.pipeline.PathPolicy;

/**
 * How a service runs.
 *
 * @param inbox          the watched folder; {@code processed/}, {@code failed/} and {@code .running/} are made in it
 * @param workspace      the workspace holding artifacts and run records
 * @param concurrency    pipelines run at the same time, at least 1
 * @param threads        threads each run keeps busy, at least 1
 * @param stageTimeout   time limit of each stage invocation whose pipeline entry sets no {@code timeout:}; null for none
 * @param quietPeriod    how long a file must have stopped changing before it is taken
 * @param pollInterval   how often the inbox is scanned
 * @param paths          where path parameters of pipeline files may point; relative ones resolve against the inbox
 * @param metricsAddress address the metrics and health server listens on
 * @param metricsPort    its port; 0 turns it off
 */
public record ServiceSettings(Path inbox, Path workspace, int concurrency, int threads, Duration stageTimeout,
                              Duration quietPeriod, Duration pollInterval, PathPolicy paths, String metricsAddress,
                              int metricsPort) {
    public static final String DEFAULT_INBOX = "pipelines/inbox";
    public static final Duration DEFAULT_STAGE_TIMEOUT = Duration.ofHours(24);
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofSeconds(2);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
    /** Most pipelines that may run at once: each holds a run's threads and memory. */
    public static final int MAX_CONCURRENCY = 64;

    public ServiceSettings {
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(quietPeriod, "quietPeriod");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(metricsAddress, "metricsAddress");
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be between 1 and " + MAX_CONCURRENCY + ", was " + concurrency);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (stageTimeout != null && (stageTimeout.isNegative() || stageTimeout.isZero())) {
            throw new IllegalArgumentException("the stage time limit must be positive, was " + DurationText.format(stageTimeout));
        }
        if (quietPeriod.isNegative()) {
            throw new IllegalArgumentException("the quiet period must not be negative");
        }
        if (pollInterval.toMillis() < 1) {
            throw new IllegalArgumentException("the poll interval must be at least 1ms");
        }
        if (metricsPort < 0 || metricsPort > 65535) {
            throw new IllegalArgumentException("the metrics port must be 0 (off) or 1 to 65535, was " + metricsPort);
        }
    }
}
