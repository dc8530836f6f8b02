package org.defrost.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.defrost.monitoring.MetricsServer;
import org.defrost.service.DurationText;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How long {@code defrost run} keeps its metrics endpoint up after the run, so that Prometheus records the
 * final state (the run's status, the last cells). It waits only when the endpoint was scraped while the run
 * went on, and only until the next scrape: a run nobody watches exits at once.
 */
final class MetricsLinger {
    static final String DEFAULT = "30s";

    @Option(names = "--metrics-linger", paramLabel = "DURATION", defaultValue = DEFAULT,
            description = "After the run, if Prometheus has been scraping the metrics endpoint, keep it up until "
                    + "the next scrape, for at most this long, e.g. 10s, 2m; 0s exits at once (default: "
                    + "${DEFAULT-VALUE}).")
    String linger;

    /** The parsed option; a usage error naming the option when it is not a duration. */
    Duration limit(CommandLine commandLine) {
        return Arguments.checked(commandLine, "--metrics-linger", () -> DurationText.parse(linger));
    }

    /**
     * Waits, as the option says, for Prometheus to scrape {@code server} once more; {@code stopped} (Ctrl-C)
     * ends the wait. Says on {@code out} why the process has not exited yet.
     */
    static void await(MetricsServer server, Duration limit, BooleanSupplier stopped, PrintStream out)
            throws InterruptedException {
        if (limit.isZero() || !server.scraped() || stopped.getAsBoolean()) {
            return;
        }
        out.println("Metrics: waiting up to " + DurationText.format(limit) + " for Prometheus to collect the final "
                + "state (--metrics-linger 0s skips this)");
        out.flush();
        server.awaitScrape(limit, stopped);
    }
}
