package org.defrost.engine.run;

import java.time.Duration;

/** Durations as people read them in terminals and logs: {@code 850ms}, {@code 3s}, {@code 2m 05s}, {@code 1h 02m}. */
public final class Durations {
    private Durations() {
    }

    /** Formats {@code d}: milliseconds below a second, then seconds, minutes and seconds, or hours and minutes. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        long s = Math.round(ms / 1000.0);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm %02ds", s / 60, s % 60);
        }
        long m = Math.round(s / 60.0);
        return String.format("%dh %02dm", m / 60, m % 60);
    }

    /** Formats a number of seconds, as {@link #format(Duration)}. */
    public static String seconds(double seconds) {
        return format(Duration.ofMillis(Math.round(seconds * 1000)));
    }
}
