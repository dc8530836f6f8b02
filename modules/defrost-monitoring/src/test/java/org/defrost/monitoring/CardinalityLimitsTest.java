package org.defrost.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import org.defrost.engine.run.RunListener;
import org.defrost.engine.run.RunListener.MetricKind;
import org.junit.jupiter.api.Test;

class CardinalityLimitsTest {

    @Test
    void pipelinesBeyondTheCapAreDroppedInsteadOfGrowingTheRegistry() {
        try (DefrostMetrics metrics = new DefrostMetrics(DefrostMetrics.RUN)) {
            int names = CardinalityLimits.PIPELINES + 25;
            for (int i = 0; i < names; i++) {
                RunListener run = metrics.runListener(SweepStages.pipeline("pipeline-seed-" + i));
                run.runStarted("r" + i, "pipeline-seed-" + i, 1);
                run.unitsPlanned("train", 1);
                run.unitFinished("train", false, false, 0.1);
                run.runFinished("r" + i, "pipeline-seed-" + i, "succeeded", 0.1);
            }
            long pipelines = metrics.registry().getMeters().stream().map(Meter::getId)
                    .filter(id -> id.getName().startsWith("defrost.")).map(id -> id.getTag("pipeline"))
                    .filter(p -> p != null).distinct().count();
            assertEquals(CardinalityLimits.PIPELINES, pipelines);
            String text = metrics.scrape();
            assertTrue(text.contains("pipeline=\"pipeline-seed-0\""));
            assertFalse(text.contains("pipeline=\"pipeline-seed-" + (names - 1) + "\""));
        }
    }

    @Test
    void stageMetricNamesBeyondTheCapAreDropped() {
        try (DefrostMetrics metrics = new DefrostMetrics(DefrostMetrics.RUN)) {
            RunListener run = metrics.runListener(SweepStages.pipeline("sweep"));
            run.runStarted("r", "sweep", 1);
            run.stageStarted("train", "train", 1);
            for (int i = 0; i < CardinalityLimits.STAGE_METRIC_NAMES + 50; i++) {
                run.metric("train", "loss_of_cell_" + i, MetricKind.GAUGE, i);
            }
            long names = metrics.registry().getMeters().stream().map(m -> m.getId().getName())
                    .filter(n -> n.startsWith(DefrostMetrics.STAGE_PREFIX)).distinct().count();
            assertEquals(CardinalityLimits.STAGE_METRIC_NAMES, names);
        }
    }

    @Test
    void stageTypesBeyondTheCapAreDropped() {
        try (DefrostMetrics metrics = new DefrostMetrics(DefrostMetrics.RUN)) {
            RunListener run = metrics.runListener(SweepStages.pipeline("sweep"));
            run.runStarted("r", "sweep", 1);
            for (int i = 0; i < CardinalityLimits.STAGE_TYPES + 10; i++) {
                run.unitsPlanned("type-" + i, 1);
            }
            long types = metrics.registry().find("defrost.cells.planned").counters().size();
            assertEquals(CardinalityLimits.STAGE_TYPES, types);
        }
    }
}
