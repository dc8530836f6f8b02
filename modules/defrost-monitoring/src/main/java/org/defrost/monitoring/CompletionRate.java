package org.defrost.monitoring;

import java.util.ArrayDeque;

/**
 * How fast work has been finishing lately: the last {@code window} completions divided by the time from
 * the start of that window to now. Counting up to now (not to the last completion) makes the rate fall,
 * and an estimate built on it grow, while nothing finishes. Not thread-safe.
 */
final class CompletionRate {
    private final int window;
    /** Monotonic times of the most recent completions, in nanoseconds, oldest first. */
    private final ArrayDeque<Long> completions = new ArrayDeque<>();
    private long windowStart;

    CompletionRate(int window, long nowNanos) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, was " + window);
        }
        this.window = window;
        this.windowStart = nowNanos;
    }

    /** Forgets every completion; the window starts again at {@code nowNanos}. */
    void restart(long nowNanos) {
        completions.clear();
        windowStart = nowNanos;
    }

    void completed(long nowNanos) {
        completions.addLast(nowNanos);
        if (completions.size() > window) {
            windowStart = completions.removeFirst();
        }
    }

    /** Completions per second over the window, or NaN before the first completion. */
    double perSecond(long nowNanos) {
        if (completions.isEmpty()) {
            return Double.NaN;
        }
        double seconds = Math.max(nowNanos - windowStart, 1) / 1e9;
        return completions.size() / seconds;
    }
}
