package org.defrost.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Serves {@link DefrostMetrics} over HTTP: {@code /metrics} in Prometheus's text format (or OpenMetrics, as
 * the scraper asks, through the Prometheus client's own handler), {@code /health} as a small JSON object
 * ({@code {"status":"up","activeRuns":1,"uptimeSeconds":12.5}}), and a one-line index at {@code /}. It
 * remembers when it was last scraped, so that a process about to exit can wait for Prometheus to collect
 * its final state ({@link #awaitScrape}). Port 0 means metrics are off: {@link #start} then returns a
 * server that serves nothing.
 */
public final class MetricsServer implements AutoCloseable {
    public static final String DEFAULT_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 9464;
    /** The port value that turns the server off. */
    public static final int OFF = 0;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;
    private final Object scrapes = new Object();
    /** {@link System#nanoTime()} at which the latest answered scrape began; guarded by {@link #scrapes}. */
    private long lastScrapeStart;
    private boolean answeredAny;
    private boolean everScraped;

    private MetricsServer(HttpServer server, ExecutorService executor, String host) {
        this.server = server;
        this.executor = executor;
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
            return new MetricsServer(null, null, null);
        }
        String where = bindAddress + ":" + port;
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 0);
        } catch (IOException e) {
            throw new IOException("cannot serve metrics on " + where + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "defrost-metrics-http");
            t.setDaemon(true);
            return t;
        });
        MetricsServer server = new MetricsServer(http, executor, bindAddress);
        MetricsHandler scrape = new MetricsHandler(metrics.registry().getPrometheusRegistry());
        http.createContext("/metrics", exchange -> {
            long began = server.asked();
            try {
                scrape.handle(exchange);
            } finally {
                server.answered(began);
            }
        });
        http.createContext("/", exchange -> handleOther(exchange, metrics));
        http.setExecutor(executor);
        http.start();
        return server;
    }

    /** The port served on, or 0 when off. */
    public int port() {
        return server == null ? OFF : server.getAddress().getPort();
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

    /** A scrape begins; returns its {@link System#nanoTime()}. */
    private long asked() {
        synchronized (scrapes) {
            everScraped = true;
            return System.nanoTime();
        }
    }

    /** The scrape that began at {@code beganNanos} has been answered. */
    private void answered(long beganNanos) {
        synchronized (scrapes) {
            if (!answeredAny || beganNanos - lastScrapeStart > 0) {
                lastScrapeStart = beganNanos;
            }
            answeredAny = true;
            scrapes.notifyAll();
        }
    }

    /** Whether {@code /metrics} has been asked for since the server started. */
    public boolean scraped() {
        synchronized (scrapes) {
            return everScraped;
        }
    }

    /**
     * Waits until a scrape that began after this call has been answered, so that the scraper has what the
     * metrics show now, for at most {@code limit}; returns at once when the server is off or has never been
     * scraped (nothing is watching), or as soon as {@code giveUp} holds (checked every 100 ms).
     *
     * @return whether such a scrape was answered
     */
    public boolean awaitScrape(Duration limit, BooleanSupplier giveUp) throws InterruptedException {
        long from = System.nanoTime();
        long end = from + limit.toNanos();
        synchronized (scrapes) {
            if (!everScraped) {
                return false;
            }
            while (!answeredAny || lastScrapeStart - from < 0) {
                long left = end - System.nanoTime();
                if (left <= 0 || giveUp.getAsBoolean()) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(scrapes, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            return true;
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** Every path but {@code /metrics}. */
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
