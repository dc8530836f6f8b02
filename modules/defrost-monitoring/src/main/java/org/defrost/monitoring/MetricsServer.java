package org.defrost.monitoring;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Serves {@link DefrostMetrics} over HTTP with the Prometheus client's own server: {@code /metrics} in
 * Prometheus's text format (or OpenMetrics, as the scraper asks), {@code /health} as a small JSON object
 * ({@code {"status":"up","activeRuns":1,"uptimeSeconds":12.5}}), and a one-line index at {@code /}.
 * Port 0 means metrics are off: {@link #start} then returns a server that serves nothing.
 */
public final class MetricsServer implements AutoCloseable {
    public static final String DEFAULT_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 9464;
    /** The port value that turns the server off. */
    public static final int OFF = 0;
    private final HTTPServer server;
    private final String host;

    private MetricsServer(HTTPServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /**
     * Starts serving on {@code bindAddress:port}, or returns a server that is off when {@code port} is
     * {@link #OFF}.
     *
     * @param bindAddress an IP address or host name to listen on, e.g. {@code 127.0.0.1} (this machine only)
     *                    or {@code 0.0.0.0} (every interface)
     * @throws IOException naming the address when it cannot be bound (e.g. the port is taken)
     */
    public static MetricsServer start(String bindAddress, int port, DefrostMetrics metrics) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("metrics port must be 0 (off) or 1 to 65535, was " + port);
        }
        if (port == OFF) {
            return new MetricsServer(null, null);
        }
        String where = bindAddress + ":" + port;
        try {
            HTTPServer server = HTTPServer.builder()
                    .inetAddress(InetAddress.getByName(bindAddress))
                    .port(port)
                    .registry(metrics.registry().getPrometheusRegistry())
                    .defaultHandler(exchange -> handleOther(exchange, metrics))
                    .buildAndStart();
            return new MetricsServer(server, bindAddress);
        } catch (IOException e) {
            throw new IOException("cannot serve metrics on " + where + ": " + e.getMessage(), e);
        }
    }

    /** The port served on, or 0 when off. */
    public int port() {
        return server == null ? OFF : server.getPort();
    }

    /** Whether the server is on. */
    public boolean running() {
        return server != null;
    }

    /** {@code http://<address>:<port>/metrics}, or an empty string when off. */
    public String metricsUrl() {
        if (server == null) {
            return "";
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/metrics";
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    /** Every path but {@code /metrics} and the client's {@code /-/healthy}. */
    private static void handleOther(HttpExchange exchange, DefrostMetrics metrics) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/health")) {
                String json = String.format(Locale.ROOT, "{\"status\":\"up\",\"activeRuns\":%d,\"uptimeSeconds\":%.1f}%n",
                        metrics.activeRuns(), metrics.uptimeSeconds());
                respond(exchange, 200, "application/json", json);
            } else if (path.equals("/")) {
                respond(exchange, 200, "text/plain; charset=utf-8", "defrost: metrics at /metrics, health at /health\n");
            } else {
                respond(exchange, 404, "text/plain; charset=utf-8", "not found: " + path + " (try /metrics or /health)\n");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
