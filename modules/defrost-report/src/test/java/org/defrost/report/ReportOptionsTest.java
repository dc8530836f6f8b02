package org.defrost.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.defrost.spi.Parameters;
import org.junit.jupiter.api.Test;

class ReportOptionsTest {
    private static ReportOptions bound(Map<String, ?> given) {
        return ReportOptions.of(Parameters.of(ReportOptions.SPECS, given), "quickstart");
    }

    @Test
    void aTitleLeftOutOrBlankIsThePipelineName() {
        assertEquals(new ReportOptions("quickstart", true), bound(Map.of()));
        assertEquals(new ReportOptions("quickstart", false), bound(Map.of("title", " ", "curves", false)));
    }

    @Test
    void aGivenTitleIsKept() {
        assertEquals(new ReportOptions("Layer freezing on CHMM", true), bound(Map.of("title", "Layer freezing on CHMM")));
    }
}
