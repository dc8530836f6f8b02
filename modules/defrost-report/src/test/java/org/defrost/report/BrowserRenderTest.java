package org.defrost.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a generated report in real headless Chromium through {@code .ci/render-report}, which fails on
 * console messages, undecodable images and references outside the page. Skipped where Chromium is not
 * installed (Debian: {@code apt-get install chromium}).
 */
class BrowserRenderTest {
    private static final Path SCRIPT = Path.of(System.getProperty("basedir", ".")).resolve("../../.ci/render-report")
            .toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @BeforeAll
    static void needsChromium() {
        boolean found = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= Files.isExecutable(Path.of(d, "chromium")) || Files.isExecutable(Path.of(d, "chromium-browser"));
        }
        assumeTrue(found, "chromium is not installed");
        assumeTrue(Files.isExecutable(SCRIPT), SCRIPT + " is missing");
    }

    private record Outcome(int exit, String output) {
    }

    private Outcome render(Path page, Path png) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(SCRIPT.toString(), page.toString(), png.toString()))
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
            throw new AssertionError("render-report did not finish in 5 minutes: " + output);
        }
        return new Outcome(p.exitValue(), output);
    }

    @Test
    void generatedReportRendersWithoutConsoleErrorsAndEveryImageDecodes() throws Exception {
        ReportInputs inputs = Fixtures.inputs(dir.resolve("in"), Fixtures.SMALL, true, true);
        Path page = ReportGenerator.generate(inputs, new ReportOptions("Browser check", true), dir.resolve("out"));
        Path png = dir.resolve("report.png");
        Outcome o = render(page, png);
        assertEquals(0, o.exit(), o.output());
        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(1366, shot.getWidth());
        assertEquals(900, shot.getHeight());
    }

    @Test
    void theCheckFailsOnAConsoleErrorAndOnABrokenImage() throws Exception {
        Path page = dir.resolve("bad.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><p>x</p>"
                + "<img src=\"data:image/png;base64,AAAA\" alt=\"broken\"><script>console.error('boom')</script>"
                + "</body></html>");
        Outcome bad = render(page, dir.resolve("bad.png"));
        assertEquals(1, bad.exit(), bad.output());
        assertTrue(bad.output().contains("console messages") && bad.output().contains("\"boom\""), bad.output());
        assertTrue(bad.output().contains("image failed: broken"), bad.output());
    }
}
