package org.defrost.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shipped Prometheus files, checked by Prometheus's own promtool (Debian package {@code prometheus}). */
class PromtoolTest {
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @BeforeEach
    void needsPromtool() {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed (apt-get install prometheus)");
    }

    private static String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
            assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void bothPrometheusConfigurationsAreValidAndFindTheRules() throws Exception {
        Path dir = MonitoringFiles.directory().resolve("prometheus");
        for (String config : new String[] {"prometheus.yml", "prometheus-compose.yml"}) {
            String out = promtool("check", "config", dir.resolve(config).toString());
            assertTrue(out.contains("SUCCESS: 1 rule files found"), out);
        }
    }

    @Test
    void alertRulesAreValid() throws Exception {
        String out = promtool("check", "rules", MonitoringFiles.alerts().toString());
        assertTrue(out.contains("SUCCESS: " + MonitoringFiles.alertRules().size() + " rules found"), out);
    }

    @Test
    void alertRulesPassTheirUnitTests() throws Exception {
        String out = promtool("test", "rules", MonitoringFiles.directory().resolve("prometheus/alerts_test.yml").toString());
        assertTrue(out.contains("SUCCESS"), out);
    }
}
