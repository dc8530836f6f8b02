package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.defrost.spi.RunRecordData;
import org.junit.jupiter.api.Test;

/** "To resume ..." is said only when a rerun would reuse something the failed run computed. */
class ResumeHintTest {
    private static RunRecordData.InvocationEntry entry(String status, RunRecordData.UnitCounts units) {
        return new RunRecordData.InvocationEntry("s", "t", Map.of(), -1, status, 1.0, Map.of(), units, List.of(), null);
    }

    private static RunRecordData record(RunRecordData.InvocationEntry... invocations) {
        return new RunRecordData("r", "p", "/p.yaml", "/w", "2026-01-01T00:00:00Z", Map.of(), List.of(), "failed",
                null, 1.0, new RunRecordData.Failure("x"), List.of(invocations));
    }

    @Test
    void aRunThatFailedBeforeComputingAnythingGetsNoHint() {
        assertFalse(ResumeHint.helps(record(entry("failed", null))));
        assertFalse(ResumeHint.helps(record(entry("cached", null), entry("failed", new RunRecordData.UnitCounts(4, 2, 0)))),
                "reused work is already in the store: a rerun gains nothing new");
    }

    @Test
    void computedInvocationsOrUnitsMakeTheHintUseful() {
        assertTrue(ResumeHint.helps(record(entry("computed", null), entry("failed", null))));
        assertTrue(ResumeHint.helps(record(entry("failed", new RunRecordData.UnitCounts(10, 0, 3)))));
    }
}
