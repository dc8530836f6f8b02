package org.defrost.service;

import java.util.logging.LogManager;

/**
 * A {@code java.util.logging} manager that keeps its handlers open while the JVM shuts down. The JDK's own
 * manager closes every handler from a shutdown hook of its own, which runs at the same time as the service's
 * stop on SIGTERM: the lines reporting the stop and the interrupted runs would be lost. Select it before
 * anything uses {@code java.util.logging}: {@code -Djava.util.logging.manager=org.defrost.service.ShutdownLogManager}
 * on the command line, or that system property set first thing in {@code main}.
 */
public final class ShutdownLogManager extends LogManager {

    @Override
    public void reset() {
        if (!shuttingDown()) {
            super.reset();
        }
    }

    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
