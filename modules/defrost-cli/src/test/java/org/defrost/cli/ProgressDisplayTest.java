package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.defrost.engine.pipeline.PipelineStage;
import org.defrost.engine.run.Invocation;
import org.defrost.spi.Parameters;
import org.defrost.spi.Seed;
import org.junit.jupiter.api.Test;

/** The progress of a run: a total that does not move while stages plan work units, and the metrics' ETA. */
class ProgressDisplayTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicReference<Double> eta = new AtomicReference<>(Double.NaN);
    private final ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
            eta::get);

    @Test
    void unitsAdvanceTheInvocationCountByFractionsWithoutChangingTheTotal() {
        display.runStarted("r", "p", 4);
        display.stageStarted("tasks", "chmm", 2);
        display.invocationFinished(invocation(), false, 1);
        display.invocationFinished(invocation(), true, 0);
        assertEquals("2.0 of 4 invocations (50%)", display.line());
        display.stageStarted("finetune", "fine-tune", 2);
        display.unitsPlanned("fine-tune", 10);
        display.unitsPlanned("fine-tune", 10);
        for (int i = 0; i < 5; i++) {
            display.unitFinished("fine-tune", false, false, 1);
        }
        assertEquals("2.5 of 4 invocations (63%), 5/20 units of this stage", display.line(),
                "two running invocations a quarter done count as half of one");
        eta.set(190.4);
        for (int i = 0; i < 15; i++) {
            display.unitFinished("fine-tune", false, false, 1);
        }
        display.invocationFinished(invocation(), false, 1);
        display.invocationFinished(invocation(), false, 1);
        assertEquals("4.0 of 4 invocations (100%), 20/20 units of this stage, about 3m 10s left", display.line());
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("  [finetune] 4.0 of 4 invocations (100%)"), printed);
        assertTrue(printed.lines().filter(l -> l.startsWith("  [")).allMatch(l -> l.contains(" of 4 invocations")), printed);
    }

    @Test
    void progressNeverGoesBack() {
        display.runStarted("r", "p", 2);
        display.stageStarted("finetune", "fine-tune", 2);
        display.unitsPlanned("fine-tune", 2);
        display.unitFinished("fine-tune", false, false, 1);
        assertEquals("0.5 of 2 invocations (25%), 1/2 units of this stage", display.line());
        display.unitsPlanned("fine-tune", 20);
        display.unitFinished("fine-tune", false, false, 1);
        assertTrue(display.line().startsWith("0.5 of 2 invocations"), display.line());
    }

    @Test
    void durationsAreWrittenAsPeopleWriteThem() {
        assertEquals("45s", ProgressDisplay.DurationText.of(Duration.ofSeconds(45)));
        assertEquals("3m 10s", ProgressDisplay.DurationText.of(Duration.ofSeconds(190)));
        assertEquals("2h 5m", ProgressDisplay.DurationText.of(Duration.ofSeconds(7500)));
    }

    private static Invocation invocation() {
        PipelineStage stage = new PipelineStage(0, "s", null, List.of(new Parameters(Map.of())), Map.of(), null);
        return new Invocation(stage, 0, Map.of(), 0, new Parameters(Map.of()), Seed.of(1));
    }
}
