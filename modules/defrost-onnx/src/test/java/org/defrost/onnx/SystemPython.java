package org.defrost.onnx;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the test scripts with Debian's {@code /usr/bin/python3}, which has {@code python3-torch} and
 * {@code python3-onnx} ({@code .ci/run} installs them). A missing module fails the test rather than skipping it.
 */
final class SystemPython {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private SystemPython() {
    }

    /** Runs {@code script} (a resource next to this class) with {@code args}; returns its standard output. */
    static String run(String script, List<String> args) throws IOException, InterruptedException {
        requireModules();
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), resource(script).toString()));
        command.addAll(args);
        return exec(command, script);
    }

    /** Runs {@code check_exports.py} (onnx.checker, full check) on {@code files} and asserts it accepts each. */
    static void assertCheckerAccepts(List<String> files) throws IOException, InterruptedException {
        String out = run("check_exports.py", files);
        for (String f : files) {
            if (!out.contains("ok " + f)) {
                fail("onnx.checker did not accept " + f + ":\n" + out);
            }
        }
    }

    private static void requireModules() throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            fail(PYTHON + " is missing; the ONNX tests need Debian's python3 with python3-torch and python3-onnx"
                    + " (apt-get install python3-torch python3-onnx)");
        }
        exec(List.of(PYTHON.toString(), "-c", "import torch, onnx, numpy"),
                "the modules torch, onnx and numpy in " + PYTHON + " (apt-get install python3-torch python3-onnx)");
    }

    private static String exec(List<String> command, String what) throws IOException, InterruptedException {
        Path err = Files.createTempFile("python", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(what + " did not finish within 120 s");
            }
            if (p.exitValue() != 0) {
                fail(what + " failed (exit " + p.exitValue() + "): " + command + "\n"
                        + Files.readString(err, StandardCharsets.UTF_8) + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(SystemPython.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " not found", e);
        }
    }
}
