package org.defrost.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.defrost.engine.run.RunListener;
import org.defrost.engine.run.RunListener.MetricKind;
import org.defrost.engine.run.Versions;
import org.junit.jupiter.api.Test;

/** What every defrost process publishes: its build, and durations as histograms. */
class DefrostMetricsTest {
    static final String TRAIN = "train-sweep";

    @Test
    void buildInfoIsOneSeriesNamingTheVersionJavaAndCommand() {
        for (String command : new String[] {DefrostMetrics.RUN, DefrostMetrics.SERVE, DefrostMetrics.WORKER}) {
            try (DefrostMetrics metrics = new DefrostMetrics(command)) {
                ScrapeText s = ScrapeText.parse(metrics.scrape());
                List<ScrapeText.Sample> info = s.find("defrost_build_info", Map.of());
                assertEquals(1, info.size(), info.toString());
                assertEquals(1.0, info.get(0).value());
                assertEquals(Map.of("version", Versions.defrost(), "java_version", System.getProperty("java.version"),
                        "command", command), info.get(0).labels());
            }
        }
    }

    @Test
    void onlyTheKnownCommandsAreAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DefrostMetrics("run-42"));
        assertEquals("command must be one of [run, serve, worker], was run-42", e.getMessage());
    }

    @Test
    void defrostDurationsAreHistogramsWithTheFixedBucketsAndOtherTimersAreNot() {
        try (DefrostMetrics metrics = new DefrostMetrics(DefrostMetrics.RUN, new MockClock())) {
            RunListener run = metrics.runListener(SweepStages.pipeline());
            run.runStarted("r", "sweep-under-watch", 1);
            run.unitFinished(TRAIN, false, false, 0.2);
            run.unitFinished(TRAIN, false, false, 40);
            run.unitFinished(TRAIN, true, false, 0.001);
            run.metric(TRAIN, "epoch", MetricKind.TIMER_SECONDS, 3);
            run.runFinished("r", "sweep-under-watch", "succeeded", 45);
            // a worker's timer, registered on the same registry by the worker command
            Timer.builder("defrost.worker.cell.duration").tag("outcome", "computed").register(metrics.registry())
                    .record(Duration.ofSeconds(7));
            Timer.builder("other.wait").register(metrics.registry()).record(Duration.ofSeconds(1));
            ScrapeText s = ScrapeText.parse(metrics.scrape());

            for (String name : new String[] {"defrost_cell_duration_seconds", "defrost_run_duration_seconds",
                    "defrost_stage_epoch_seconds", "defrost_worker_cell_duration_seconds"}) {
                assertEquals("histogram", s.types().get(name), name);
            }
            assertEquals("summary", s.types().get("other_wait_seconds"), "timers outside defrost keep their form");

            Map<String, String> computed = Map.of("stage_type", TRAIN, "outcome", "computed");
            List<ScrapeText.Sample> buckets = s.find("defrost_cell_duration_seconds_bucket", computed);
            double[] bounds = buckets.stream().mapToDouble(b -> Double.parseDouble(b.labels().get("le").replace("+Inf", "Infinity"))).toArray();
            double[] expected = Arrays.copyOf(DurationHistograms.BUCKETS_SECONDS, DurationHistograms.BUCKETS_SECONDS.length + 1);
            expected[expected.length - 1] = Double.POSITIVE_INFINITY;
            assertEquals(Arrays.toString(expected), Arrays.toString(bounds));
            // cumulative counts of 0.2 s and 40 s
            assertEquals(0, bucket(s, computed, "0.1"));
            assertEquals(1, bucket(s, computed, "0.25"));
            assertEquals(1, bucket(s, computed, "30.0"));
            assertEquals(2, bucket(s, computed, "60.0"));
            assertEquals(2, bucket(s, computed, "+Inf"));
            assertEquals(2, s.value("defrost_cell_duration_seconds_count", computed));
            assertEquals(40.2, s.value("defrost_cell_duration_seconds_sum", computed), 1e-9);
            assertEquals(1, bucket(s, Map.of("stage_type", TRAIN, "outcome", "cached"), "0.005"));
            assertEquals(1, s.value("defrost_run_duration_seconds_bucket", Map.of("status", "succeeded", "le", "60.0")));
        }
    }

    private static double bucket(ScrapeText s, Map<String, String> labels, String le) {
        return s.value("defrost_cell_duration_seconds_bucket", RunMetricsListenerTest.with(labels, "le", le));
    }
}
