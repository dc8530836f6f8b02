package org.defrost.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ServiceLogTest {
    @Test
    void writesTheEventThenKeyValuePairsLeavingOutNulls() {
        assertEquals("event=run-finished run=20261129-101500-3fa2 status=succeeded seconds=1.25",
                ServiceLog.format("run-finished", "run", "20261129-101500-3fa2", "status", "succeeded", "file", null,
                        "seconds", "1.25"));
    }

    @Test
    void quotesValuesThatWouldBreakThePairsAndEscapesQuotesAndLineBreaks() {
        assertEquals("event=e file=\"in box/a.yaml\" error=\"say \\\"no\\\"\\nthen=stop\" empty=\"\" path=/a/b-c_d.yaml",
                ServiceLog.format("e", "file", "in box/a.yaml", "error", "say \"no\"\nthen=stop", "empty", "",
                        "path", "/a/b-c_d.yaml"));
    }

    @Test
    void refusesAKeyWithoutValue() {
        assertThrows(IllegalArgumentException.class, () -> ServiceLog.format("e", "key"));
    }
}
