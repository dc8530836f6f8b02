package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./defrost} launcher as a terminal runs it: Ctrl-C sends SIGINT to the whole process group, the
 * launcher's standard-error filter included, and what defrost prints while stopping must still arrive.
 */
class LauncherSignalTest {
    /** Pre-training that takes far longer than the test waits, so that the run is stopped in the middle. */
    private static final String SLOW = """
            pipeline: slow
            stages:
              - id: tasks
                uses: chmm
                with: { inputDim: 20, sourceLatentDim: 5, targetLatentDim: 5, sourceTrainSize: 2000, targetPoolSize: 300,
                        sourceTestSize: 400, targetTestSize: 400, probeSize: 100 }
              - id: source
                uses: pretrain
                with: { hidden: [64, 64], maxEpochs: 100000, patience: 100000 }
            """;

    @TempDir
    Path root;
    private Process process;

    @AfterEach
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void ctrlCToTheProcessGroupKeepsTheStoppingAndResumeMessagesAndDropsTheIncubatorWarning() throws Exception {
        Path launcher = installLauncher();
        Path pipeline = Files.writeString(root.resolve("slow.yaml"), SLOW);
        Path out = root.resolve("out.txt");
        Path err = root.resolve("err.txt");
        // setsid: a process group of its own, as a terminal gives a foreground job; env: SIGINT handled by
        // default even when this test runs in a background job, where it is ignored and would stay ignored.
        ProcessBuilder pb = new ProcessBuilder("setsid", "env", "--default-signal=INT", "bash", launcher.toString(), "run",
                "--workspace", root.resolve("work").toString(), "--plugins", root.resolve("none").toString(),
                "--metrics-port", "0", "--threads", "1", pipeline.toString());
        pb.environment().put("DEFROST_SKIP_BUILD", "1");
        pb.environment().put("DEFROST_JAVA_OPTS", "-Xmx256m");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        process = pb.start();
        long group = process.pid();
        awaitText(out, "source (pretrain)");
        Thread.sleep(500);
        signal("-INT", group);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "Ctrl-C stops defrost");
        awaitEmptyGroup(group);
        String stderr = Files.readString(err);
        assertTrue(stderr.contains("defrost: stopping"), "the stopping message survives Ctrl-C:\n" + stderr);
        assertTrue(stderr.contains("To resume, run the same command again"), "the resume hint survives Ctrl-C:\n" + stderr);
        assertFalse(stderr.contains("WARNING: Using incubator modules"), stderr);
    }

    /**
     * A copy of the launcher beside a jar that starts the command line from this test's class path, laid out as
     * the launcher expects ({@code modules/defrost-cli/target/defrost.jar}).
     */
    private Path installLauncher() throws IOException {
        Path launcher = root.resolve("defrost");
        Files.copy(Path.of("../../defrost"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
        Path jar = Files.createDirectories(root.resolve("modules/defrost-cli/target")).resolve("defrost.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, DefrostCommand.class.getName());
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(Path.of(entry).toAbsolutePath().toUri().toString());
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, manifest)) {
            j.flush();
        }
        return launcher;
    }

    private void awaitText(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                fail("defrost ended early:\n" + Files.readString(file) + Files.readString(root.resolve("err.txt")));
            }
            Thread.sleep(100);
        }
        fail("no '" + text + "' in:\n" + Files.readString(file));
    }

    /** Waits until every process of the group, the launcher's filter included, has ended. */
    private static void awaitEmptyGroup(long group) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (new ProcessBuilder("kill", "-0", "--", "-" + group).start().waitFor() != 0) {
                return;
            }
            Thread.sleep(50);
        }
        fail("processes of group " + group + " outlived defrost");
    }

    private static void signal(String signal, long group) throws Exception {
        int code = new ProcessBuilder("kill", signal, "--", "-" + group).inheritIO().start().waitFor();
        assertTrue(code == 0, "kill " + signal + " -" + group + " exited " + code);
    }
}
