package org.defrost.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A {@code defrost} command in a JVM of its own, started from the test's class path in a new session (so in a
 * process group of its own, whose id is its pid, as a terminal starts a job), with stdout and stderr in files.
 * Signals go to it with {@code kill}, to the process or, as a terminal's Ctrl-C does, to its whole group.
 */
final class DefrostProcess implements AutoCloseable {
    final Process process;
    final Path out;
    final Path err;

    private DefrostProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code defrost ARGS} with its output in {@code logs/NAME.out} and {@code logs/NAME.err}. */
    static DefrostProcess start(Path logs, String name, String... args) throws IOException {
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>(List.of("setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                DefrostCommand.class.getName()));
        command.addAll(Arrays.asList(args));
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new DefrostProcess(p, out, err);
    }

    /** Sends {@code signal} (e.g. {@code INT}, {@code TERM}) to the process, or to its whole process group. */
    void signal(String signal, boolean wholeGroup) throws IOException, InterruptedException {
        String target = wholeGroup ? "-" + process.pid() : Long.toString(process.pid());
        Process kill = new ProcessBuilder("kill", "-" + signal, "--", target).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + target + " failed");
        }
    }

    /** Waits up to {@code seconds} for {@code condition}, failing with the output when the process ends first. */
    void await(BooleanSupplier condition, long seconds, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " (exit " + (process.isAlive() ? "none" : process.exitValue())
                        + "):\n" + output());
            }
            Thread.sleep(50);
        }
    }

    /** Waits for the process to end and returns its exit code. */
    int exitCode(long seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("defrost did not end within " + seconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    String stdout() {
        return read(out);
    }

    String stderr() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Both streams, for failure messages. */
    String output() {
        return "--- stdout\n" + stdout() + "--- stderr\n" + stderr();
    }

    /** Stderr without the JVM's announcement of the incubator module. */
    List<String> errorLines() {
        return stderr().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
