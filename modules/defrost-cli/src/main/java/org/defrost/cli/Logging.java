package org.defrost.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One-line log records on standard error; Camel's start-up chatter is kept at warnings. On a terminal,
 * where the progress bar shows what stages report, only warnings are logged, so that log lines do not
 * break the bar. Nothing is changed when the user gives a {@code java.util.logging.config.file}.
 */
final class Logging {
    /** Held strongly: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final Logger CAMEL = Logger.getLogger("org.apache.camel");
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger ARTEMIS = Logger.getLogger("org.apache.activemq");
    private static final Logger SPRING = Logger.getLogger("org.springframework");

    private Logging() {
    }

    static void configure() {
        if (userConfigured()) {
            return;
        }
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s: %5$s%6$s%n");
        CAMEL.setLevel(Level.WARNING);
        if (System.console() != null) {
            ROOT.setLevel(Level.WARNING);
        }
        for (var h : ROOT.getHandlers()) {
            h.setFormatter(new java.util.logging.SimpleFormatter());
        }
    }

    /**
     * For the commands that use a broker: the broker client and server log every connection and session at
     * INFO, and Artemis audits them; those libraries are kept at warnings and the commands print what
     * matters themselves.
     */
    static void configureBroker() {
        if (userConfigured()) {
            return;
        }
        ARTEMIS.setLevel(Level.WARNING);
        SPRING.setLevel(Level.WARNING);
    }

    private static boolean userConfigured() {
        return System.getProperty("java.util.logging.config.file") != null;
    }
}
