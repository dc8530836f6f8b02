package org.defrost.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.defrost.monitoring.DefrostMetrics;
import org.defrost.monitoring.MetricsServer;
import picocli.CommandLine.Option;

/** Where the Prometheus metrics endpoint listens. */
final class MetricsOptions {
    @Option(names = "--metrics-address", paramLabel = "ADDR", defaultValue = MetricsServer.DEFAULT_ADDRESS,
            description = "Address of the metrics endpoint (default ${DEFAULT-VALUE}: this machine only).")
    String address;

    @Option(names = "--metrics-port", paramLabel = "N", defaultValue = "" + MetricsServer.DEFAULT_PORT,
            description = "Port of the metrics endpoint, serving /metrics and /health (default ${DEFAULT-VALUE}; 0 turns it off).")
    int port;

    /** Rejects a port outside 0..65535 before anything starts (exit code 2). */
    void check(picocli.CommandLine commandLine) {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(commandLine,
                    "--metrics-port must be between 0 (off) and 65535, was " + port);
        }
    }

    /**
     * Starts the endpoint. A port that is taken does not stop a run: the run goes on without the endpoint,
     * after a warning that says how to pick another port.
     */
    MetricsServer start(DefrostMetrics metrics, PrintWriter err) {
        try {
            return MetricsServer.start(address, port, metrics);
        } catch (IOException e) {
            err.println("defrost: warning: " + e.getMessage() + "; running without the metrics endpoint (choose "
                    + "another with --metrics-port, or 0 to turn it off)");
            try {
                return MetricsServer.start(address, MetricsServer.OFF, metrics);
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
