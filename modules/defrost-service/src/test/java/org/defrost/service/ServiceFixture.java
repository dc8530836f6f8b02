package org.defrost.service;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.defrost.engine.pipeline.PathPolicy;
import org.defrost.engine.registry.StageRegistry;

/** A service over a temporary inbox, workspace and data folder, with helpers to drop files and wait for them. */
final class ServiceFixture implements AutoCloseable {
    /** Longest wait for a file to be handled: far above what any test file needs. */
    static final Duration PATIENCE = Duration.ofSeconds(90);
    final Path inbox;
    final Path workspace;
    final Path data;
    private PipelineService service;

    ServiceFixture(Path root) throws IOException {
        this.inbox = root.resolve("in box");
        this.workspace = root.resolve("workspace");
        this.data = Files.createDirectories(root.resolve("data"));
    }

    /** Settings for tests: quick polling, a short quiet period, no metrics server unless a port is given. */
    ServiceSettings settings(int concurrency, Duration stageTimeout, int metricsPort) {
        return new ServiceSettings(inbox, workspace, concurrency, 2, stageTimeout, Duration.ofMillis(300),
                Duration.ofMillis(50), new PathPolicy(List.of(data, inbox)), "127.0.0.1", metricsPort);
    }

    PipelineService start(ServiceSettings settings) throws Exception {
        return start(settings, TestStages.registry());
    }

    PipelineService start(ServiceSettings settings, StageRegistry registry) throws Exception {
        service = PipelineService.start(settings, registry);
        return service;
    }

    PipelineService service() {
        return service;
    }

    /** Writes a file into the inbox. */
    Path drop(String name, String text) throws IOException {
        return Files.writeString(inbox.resolve(name), text, StandardCharsets.UTF_8);
    }

    Path drop(String name, byte[] bytes) throws IOException {
        return Files.write(inbox.resolve(name), bytes);
    }

    /** Waits until {@code count} files dropped as {@code name} are in processed/ or failed/; returns them, oldest first. */
    List<Path> awaitHandled(String name, int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            List<Path> handled = handled(name);
            if (handled.size() >= count) {
                return handled;
            }
            if (System.nanoTime() > deadline) {
                fail(count + " handled files named " + name + " expected, found " + handled + "; inbox: " + listing(inbox));
            }
            Thread.sleep(20);
        }
    }

    /** Waits for one handled file dropped as {@code name}. */
    Path awaitHandled(String name) throws IOException, InterruptedException {
        return awaitHandled(name, 1).get(0);
    }

    private List<Path> handled(String name) throws IOException {
        try (Stream<Path> s = Stream.concat(Files.list(inbox.resolve(Inbox.PROCESSED)), Files.list(inbox.resolve(Inbox.FAILED)))) {
            return s.filter(p -> p.getFileName().toString().endsWith("_" + name)).sorted().toList();
        }
    }

    /** Whether a handled file went to processed/. */
    static boolean processed(Path handled) {
        return handled.getParent().getFileName().toString().equals(Inbox.PROCESSED);
    }

    /** The error text beside a failed file. */
    static String error(Path failed) throws IOException {
        Path note = failed.resolveSibling(failed.getFileName() + Inbox.ERROR_SUFFIX);
        return Files.exists(note) ? Files.readString(note) : "(no " + note.getFileName() + ")";
    }

    static String listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList().toString();
        }
    }

    @Override
    public void close() {
        if (service != null) {
            service.stop();
        }
    }
}
