package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code defrost run}'s metrics endpoint after the run: kept up until Prometheus's next scrape when it was
 * being scraped, so that the final state is recorded; a run nobody scrapes exits at once.
 */
class RunMetricsLingerTest {
    static final String FINISHED = "defrost_runs_finished_total{pipeline=\"gated\",status=\"succeeded\"} 1.0";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    @TempDir
    Path dir;
    Path plugins;
    Path gate;
    Path file;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream realStdout;

    @BeforeEach
    void pipeline() throws IOException {
        plugins = ScaleOutTest.testPlugin(dir.resolve("plugins"));
        gate = dir.resolve("gate");
        file = Files.writeString(dir.resolve("gated.yaml"), ScaleOutTest.GATED.formatted(gate));
        realStdout = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(realStdout);
    }

    private CommandLineTest.Result run(int port, String linger) {
        return CommandLineTest.run("run", "--workspace", dir.resolve("work").toString(), "--plugins", plugins.toString(),
                "--threads", "2", "--metrics-port", Integer.toString(port), "--metrics-linger", linger, file.toString());
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aScrapedRunKeepsItsEndpointUpUntilTheNextScrapeWhichSeesTheFinalState() throws Exception {
        int port = WorkerProcess.freePort();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<CommandLineTest.Result> running = background.submit(() -> run(port, "60s"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String during = "";
            while (!during.contains("defrost_cells_remaining{pipeline=\"gated\"} 1.0")) {
                assertTrue(System.nanoTime() < deadline, "the gated cell never ran: " + during + stdout);
                Thread.sleep(50);
                try {
                    during = scrape(port);
                } catch (IOException notYet) {
                    during = "";
                }
            }
            Files.createFile(gate);
            // the run ends within milliseconds of the gate; without lingering its endpoint would be gone
            Thread.sleep(1500);
            assertFalse(running.isDone(), "the run waits for a scrape: " + stdout);
            assertTrue(stdout.toString(StandardCharsets.UTF_8).contains(
                    "Metrics: waiting up to 1m for Prometheus to collect the final state"), stdout.toString());
            String last = scrape(port);
            if (!last.contains(FINISHED)) {
                last = scrape(port); // that scrape began while the run's record was being written
            }
            assertTrue(last.contains(FINISHED), last);
            long scraped = System.nanoTime();
            CommandLineTest.Result r = running.get(30, TimeUnit.SECONDS);
            assertTrue(System.nanoTime() - scraped < TimeUnit.SECONDS.toNanos(10), "the scrape ended the wait");
            assertEquals(0, r.code(), r.err());
        } finally {
            if (!Files.exists(gate)) {
                Files.writeString(gate, ""); // lets a run left behind by a failed assertion end
            }
            background.shutdownNow();
            assertTrue(background.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aRunNobodyScrapesExitsAtOnce() throws Exception {
        Files.createFile(gate);
        long start = System.nanoTime();
        CommandLineTest.Result r = run(WorkerProcess.freePort(), "60s");
        assertEquals(0, r.code(), r.err());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "no wait for a scrape that never comes");
        assertFalse(stdout.toString(StandardCharsets.UTF_8).contains("waiting up to"), stdout.toString());
    }

    @Test
    void theLingerMustBeADuration() {
        CommandLineTest.Result r = run(0, "5");
        assertEquals(DefrostCommand.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("--metrics-linger: '5' is not a duration such as 500ms, 90s, 30m or 2h"), r.err());
    }
}
