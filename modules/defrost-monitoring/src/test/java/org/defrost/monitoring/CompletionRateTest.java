package org.defrost.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CompletionRateTest {
    static final long S = 1_000_000_000L;

    @Test
    void rateCoversOnlyTheLastWindowOfCompletions() {
        CompletionRate rate = new CompletionRate(3, 0);
        assertTrue(Double.isNaN(rate.perSecond(5 * S)));
        rate.completed(10 * S);   // slow start: 1 in 10 s
        assertEquals(0.1, rate.perSecond(10 * S), 1e-12);
        rate.completed(11 * S);
        rate.completed(12 * S);
        rate.completed(13 * S);   // the first completion leaves the window, which now starts at 10 s
        assertEquals(1.0, rate.perSecond(13 * S), 1e-12);
        assertEquals(0.5, rate.perSecond(16 * S), 1e-12, "waiting lowers the rate");
        rate.restart(20 * S);
        assertTrue(Double.isNaN(rate.perSecond(21 * S)));
    }
}
