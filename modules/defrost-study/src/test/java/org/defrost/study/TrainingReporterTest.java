package org.defrost.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.defrost.nn.train.EpochRecord;
import org.defrost.spi.Artifact;
import org.defrost.spi.Cancellation;
import org.defrost.spi.ExecutionContext;
import org.defrost.spi.Parameters;
import org.defrost.spi.ProgressReporter;
import org.defrost.spi.Seed;
import org.defrost.spi.StageMetrics;
import org.junit.jupiter.api.Test;

/** The metrics a training epoch publishes: the names the shipped dashboard and alerts read. */
class TrainingReporterTest {

    @Test
    void anEpochPublishesTheGaugesAndCountersTheDashboardReadsWithUnitsInTheirNames() throws IOException {
        Map<String, Double> gauges = new TreeMap<>();
        Map<String, Double> counters = new TreeMap<>();
        new TrainingReporter(context(gauges, counters), "cell", 10, 64, false)
                .onEpoch(new EpochRecord(1, 0.7, 0.8, 0.25, 0.1, 0.5));
        assertEquals(Map.of("training_loss", 0.7, "validation_error_ratio", 0.25), gauges);
        assertEquals(Map.of("epochs_total", 1.0, "samples_total", 64.0), counters);
        assertEquals(List.copyOf(counters.keySet()), TrainingReporter.COUNTERS.stream().sorted().toList(),
                "every counter it adds to is declared");
        assertTrue(TrainingReporter.COUNTERS_WITH_DIVERGENCE.containsAll(TrainingReporter.COUNTERS));

        String dashboard = Files.readString(Path.of("../../monitoring/grafana/dashboards/defrost.json"));
        for (String name : List.of("training_loss", "validation_error_ratio", "samples_total")) {
            assertTrue(dashboard.contains("defrost_stage_" + name), "the dashboard reads defrost_stage_" + name);
        }
    }

    private static ExecutionContext context(Map<String, Double> gauges, Map<String, Double> counters) {
        StageMetrics metrics = new StageMetrics() {
            @Override
            public void count(String name, double amount) {
                counters.merge(name, amount, Double::sum);
            }

            @Override
            public void set(String name, double value) {
                gauges.put(name, value);
            }

            @Override
            public void time(String name, Duration duration) {
                throw new AssertionError("no timer expected: " + name);
            }
        };
        return new ExecutionContext() {
            @Override
            public Parameters parameters() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Seed seed() {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Artifact> inputs(String kind) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int threads() {
                return 1;
            }

            @Override
            public ProgressReporter progress() {
                throw new UnsupportedOperationException();
            }

            @Override
            public StageMetrics metrics() {
                return metrics;
            }

            @Override
            public Cancellation cancellation() {
                throw new UnsupportedOperationException();
            }

            @Override
            public System.Logger log() {
                return System.getLogger("test");
            }
        };
    }
}
