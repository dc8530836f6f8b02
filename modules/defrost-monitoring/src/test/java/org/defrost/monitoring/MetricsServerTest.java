package org.defrost.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.defrost.engine.run.RunListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    DefrostMetrics metrics;

    @BeforeEach
    void start() {
        metrics = new DefrostMetrics(DefrostMetrics.RUN);
    }

    @AfterEach
    void stop() {
        metrics.close();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private HttpResponse<String> get(MetricsServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesMetricsAndHealthOnLoopback() throws Exception {
        RunListener run = metrics.runListener(SweepStages.pipeline("served-sweep"));
        run.runStarted("r", "served-sweep", 2);
        int port = freePort();
        try (MetricsServer server = MetricsServer.start("127.0.0.1", port, metrics)) {
            assertTrue(server.running());
            assertEquals(port, server.port());
            assertEquals("http://127.0.0.1:" + port + "/metrics", server.metricsUrl());
            HttpResponse<String> scrape = get(server, "/metrics");
            assertEquals(200, scrape.statusCode());
            assertTrue(scrape.body().contains("defrost_runs_active{pipeline=\"served-sweep\"} 1.0"), scrape.body());
            assertTrue(scrape.body().contains("jvm_memory_used_bytes"));
            HttpResponse<String> health = get(server, "/health");
            assertEquals(200, health.statusCode());
            assertEquals("application/json", health.headers().firstValue("Content-Type").orElse(""));
            assertTrue(health.body().matches("\\{\"status\":\"up\",\"activeRuns\":1,\"uptimeSeconds\":[0-9.]+}\\s*"),
                    health.body());
            assertEquals(404, get(server, "/nothing-here").statusCode());
        }
    }

    @Test
    void awaitScrapeWaitsForTheNextScrapeOnlyWhenTheEndpointHasBeenScraped() throws Exception {
        RunListener run = metrics.runListener(SweepStages.pipeline("watched"));
        run.runStarted("r", "watched", 1);
        try (MetricsServer server = MetricsServer.start("127.0.0.1", freePort(), metrics)) {
            long t0 = System.nanoTime();
            assertFalse(server.scraped());
            assertFalse(server.awaitScrape(Duration.ofSeconds(20), () -> false), "nobody scrapes: no wait");
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(2).toNanos());

            get(server, "/health");
            assertFalse(server.scraped(), "a health check is not a scrape");
            get(server, "/metrics");
            assertTrue(server.scraped());
            run.runFinished("r", "watched", "succeeded", 1.0);
            CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> {
                try {
                    Thread.sleep(500);
                    return get(server, "/metrics").body();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long t1 = System.nanoTime();
            assertTrue(server.awaitScrape(Duration.ofSeconds(20), () -> false));
            assertTrue(System.nanoTime() - t1 >= Duration.ofMillis(450).toNanos(), "returned before the next scrape");
            assertTrue(next.get(10, TimeUnit.SECONDS).contains(
                    "defrost_runs_finished_total{pipeline=\"watched\",status=\"succeeded\"} 1.0"), "the final state");

            long t2 = System.nanoTime();
            assertFalse(server.awaitScrape(Duration.ofMillis(300), () -> false), "no further scrape: the limit ends it");
            assertTrue(System.nanoTime() - t2 >= Duration.ofMillis(300).toNanos());
            long t3 = System.nanoTime();
            assertFalse(server.awaitScrape(Duration.ofSeconds(20), () -> true), "giving up ends it");
            assertTrue(System.nanoTime() - t3 < Duration.ofSeconds(2).toNanos());
        }
    }

    @Test
    void portZeroMeansOff() throws Exception {
        try (MetricsServer server = MetricsServer.start("127.0.0.1", MetricsServer.OFF, metrics)) {
            assertFalse(server.running());
            assertEquals(0, server.port());
            assertEquals("", server.metricsUrl());
            assertFalse(server.awaitScrape(Duration.ofSeconds(20), () -> false));
        }
    }

    @Test
    void aTakenPortFailsNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            IOException e = assertThrows(IOException.class,
                    () -> MetricsServer.start("127.0.0.1", taken.getLocalPort(), metrics));
            assertTrue(e.getMessage().startsWith("cannot serve metrics on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void portsOutsideTheRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MetricsServer.start("127.0.0.1", -1, metrics));
        assertThrows(IllegalArgumentException.class, () -> MetricsServer.start("127.0.0.1", 65536, metrics));
    }
}
