package org.defrost.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void readsEachUnit() {
        assertEquals(Duration.ofMillis(500), DurationText.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), DurationText.parse("90s"));
        assertEquals(Duration.ofMinutes(30), DurationText.parse(" 30 m "));
        assertEquals(Duration.ofHours(2), DurationText.parse("2h"));
    }

    @Test
    void refusesOtherFormsQuotingTheText() {
        for (String bad : new String[] {"", "90", "1.5h", "-1s", "2d", "PT2S", "1h30m"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationText.parse(bad), bad);
            assertEquals("'" + bad + "' is not a duration such as 500ms, 90s, 30m or 2h", e.getMessage());
        }
    }

    @Test
    void formatsWithTheLargestExactUnit() {
        assertEquals("2h", DurationText.format(Duration.ofHours(2)));
        assertEquals("90m", DurationText.format(Duration.ofMinutes(90)));
        assertEquals("90s", DurationText.format(Duration.ofSeconds(90)));
        assertEquals("1500ms", DurationText.format(Duration.ofMillis(1500)));
        assertEquals("0s", DurationText.format(Duration.ZERO));
    }
}
