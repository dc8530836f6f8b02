package org.defrost.service;

import java.util.regex.Pattern;

/**
 * The service's log lines: an event name then {@code key=value} pairs (logfmt), e.g.
 * {@code event=run-finished file=sweep.yaml run=20261129-101500-3fa2 status=succeeded seconds=12.4}, so that
 * log tools can select every line of one run or one file.
 */
final class ServiceLog {
    private static final System.Logger LOG = System.getLogger("org.defrost.service");
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_.:/@+\\-\\[\\]]+");

    private ServiceLog() {
    }

    static void info(String event, Object... keyValues) {
        log(System.Logger.Level.INFO, event, keyValues);
    }

    static void warn(String event, Object... keyValues) {
        log(System.Logger.Level.WARNING, event, keyValues);
    }

    static void error(String event, Object... keyValues) {
        log(System.Logger.Level.ERROR, event, keyValues);
    }

    static void debug(String event, Object... keyValues) {
        log(System.Logger.Level.DEBUG, event, keyValues);
    }

    private static void log(System.Logger.Level level, String event, Object... keyValues) {
        if (LOG.isLoggable(level)) {
            LOG.log(level, format(event, keyValues));
        }
    }

    /**
     * {@code event=EVENT k1=v1 k2="v 2"}: values with spaces, quotes, equals signs or line breaks are quoted,
     * with backslash escapes; null values are left out.
     *
     * @param keyValues alternating keys and values
     */
    static String format(String event, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        StringBuilder sb = new StringBuilder("event=").append(event);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                sb.append(' ').append(keyValues[i]).append('=').append(quote(String.valueOf(keyValues[i + 1])));
            }
        }
        return sb.toString();
    }

    private static String quote(String v) {
        if (BARE.matcher(v).matches()) {
            return v;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
