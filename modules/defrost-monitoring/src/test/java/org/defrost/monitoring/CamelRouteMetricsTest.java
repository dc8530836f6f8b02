package org.defrost.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CamelRouteMetricsTest {

    @Test
    void everyRunRouteSharesOneLabelAndUnknownRoutesAreGrouped() {
        assertEquals("run", CamelRouteMetrics.routeLabel("run-20250101-120000-ab12"));
        assertEquals("run", CamelRouteMetrics.routeLabel("run-20250101-120001-cd34"));
        assertEquals("defrost-units", CamelRouteMetrics.routeLabel("defrost-units"));
        assertEquals("other", CamelRouteMetrics.routeLabel("route7"));
        assertEquals("none", CamelRouteMetrics.routeLabel(null));
    }
}
