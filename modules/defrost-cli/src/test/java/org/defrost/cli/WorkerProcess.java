package org.defrost.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code defrost worker} in its own JVM, started from the test's class path, with its output in a file.
 * {@link #close()} stops it with SIGTERM, then kills it if it lingers.
 */
final class WorkerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Process process;
    final Path log;
    final int metricsPort;

    private WorkerProcess(Process process, Path log, int metricsPort) {
        this.process = process;
        this.log = log;
        this.metricsPort = metricsPort;
    }

    /** Starts a worker with {@code threads} threads; {@link #awaitReady()} waits until it takes units. */
    static WorkerProcess launch(String broker, Path workspace, Path plugins, int threads, Path log) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                DefrostCommand.class.getName(), "worker", "--broker", broker, "--workspace", workspace.toString(),
                "--plugins", plugins.toString(), "--threads", Integer.toString(threads),
                "--metrics-port", Integer.toString(port), "--stop-grace", "0"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new WorkerProcess(p, log, port);
    }

    /** Waits until the worker has connected to the broker. */
    WorkerProcess awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!output().contains("takes work units from")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("the worker did not start:\n" + output());
            }
            Thread.sleep(50);
        }
        return this;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The worker's metrics, as Prometheus would scrape them. */
    String scrape() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of a sample of the scrape, e.g. {@code defrost_worker_cells_total{outcome="computed"}}; -1 when absent. */
    static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** Kills the JVM at once, as a crash or a pulled plug would, and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        waitFor(30);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor(20)) {
                kill();
            }
        }
    }

    private boolean waitFor(long seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
