package org.defrost.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations read as people write them, never as ISO-8601 ("PT3S"). */
class DurationsTest {
    @Test
    void durationsReadAsWritten() {
        assertEquals("850ms", Durations.format(Duration.ofMillis(850)));
        assertEquals("3s", Durations.format(Duration.ofSeconds(3)));
        assertEquals("59s", Durations.seconds(59.4));
        assertEquals("2m 05s", Durations.format(Duration.ofSeconds(125)));
        assertEquals("1h 02m", Durations.format(Duration.ofMinutes(62)));
        assertEquals("24h 00m", Durations.format(Duration.ofHours(24)));
    }
}
