package org.defrost.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.defrost.report.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A matrix of many task pairs draws its per-task-pair figures for a few representative ones and says so. */
class LargeMatrixReportTest {
    private static final Pattern FIGURE = Pattern.compile("data-kind=\"([^\"]+)\"");

    @TempDir
    Path dir;

    private static long count(String html, String kind) {
        Matcher m = FIGURE.matcher(html);
        long n = 0;
        while (m.find()) {
            n += m.group(1).equals(kind) ? 1 : 0;
        }
        return n;
    }

    @Test
    void sevenTaskPairsDrawTheEndsOfTheSweepAndNameTheRest() throws IOException {
        List<Double> etas = List.of(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
        Fixtures.Study s = Fixtures.SMALL;
        ReportInputs inputs = Fixtures.inputs(dir.resolve("in"), s, true, true, false, List.of(), etas);
        Path out = dir.resolve("out");
        ReportGenerator.generate(inputs, new ReportOptions("Large", true), out);
        String html = Files.readString(out.resolve("report.html"));
        // one knob (etaF): its sweep's two ends, and evenly spaced levels between them
        assertEquals(4L * s.targetSizes().size(), count(html, "error-vs-depth"));
        assertEquals(4L, count(html, "protocols"));
        assertEquals(4L * 2, count(html, "training-curves"), "smallest and largest size of each drawn task pair");
        assertEquals(2L, count(html, "layer-matrix"), "one figure of small multiples per measure");
        assertTrue(html.contains("The matrix has 7 task pairs; to keep this page small, the figures below are drawn "
                + "for 4 representative ones"), html);
        assertTrue(html.contains("Left out: etaF = 0.1; etaF = 0.3; etaF = 0.5; their values are "
                + "in tables/test-error-by-depth.csv."), html);
        // the tables keep every task pair
        assertEquals(7 * s.targetSizes().size(), Table.read(out.resolve("tables/recommendations.csv")).rows().size());
        assertEquals(7, Table.read(out.resolve("tables/test-error-by-depth.csv")).rows().stream()
                .map(r -> r.get("etaF")).distinct().count());
    }
}
