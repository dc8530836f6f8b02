package org.defrost.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The broker client and server log every connection and session at INFO, and Artemis audits them; the
 * commands that use a broker keep those libraries at warnings and print what matters themselves.
 */
final class BrokerLogging {
    /** Held strongly: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final Logger ARTEMIS = Logger.getLogger("org.apache.activemq");
    private static final Logger SPRING = Logger.getLogger("org.springframework");

    private BrokerLogging() {
    }

    static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        ARTEMIS.setLevel(Level.WARNING);
        SPRING.setLevel(Level.WARNING);
    }
}
