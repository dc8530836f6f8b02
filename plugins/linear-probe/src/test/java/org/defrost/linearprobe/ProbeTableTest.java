package org.defrost.linearprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeTableTest {
    private static ProbeResult probe(int n, int layer, double testError) {
        return new ProbeResult(n, n, 50, layer, layer == 0 ? 12 : 8, testError, testError * 2, 0.1, 0.2, 9, 7, "patience");
    }

    private static final ProbeTable TABLE = new ProbeTable(List.of(
            new ProbeTable.Entry(0, probe(30, 0, 0.40)), new ProbeTable.Entry(0, probe(30, 1, 0.30)),
            new ProbeTable.Entry(0, probe(60, 0, 0.35)), new ProbeTable.Entry(0, probe(60, 1, 0.33)),
            new ProbeTable.Entry(1, probe(30, 0, 0.44)), new ProbeTable.Entry(1, probe(30, 1, 0.20)),
            new ProbeTable.Entry(1, probe(60, 0, 0.25)), new ProbeTable.Entry(1, probe(60, 1, 0.37))), Map.of("etaF", 0.5));

    @Test
    void profileAveragesSeedsWithTheStandardErrorOfTheMean() {
        List<ProbeTable.Point> profile = TABLE.profile();
        assertEquals(4, profile.size());
        ProbeTable.Point p = profile.get(1);
        assertEquals(List.of(30, 1, 8, 2), List.of(p.targetSize(), p.layer(), p.width(), p.seeds()));
        assertEquals(0.25, p.testError(), 1e-12);
        // sample deviation of {0.3, 0.2} is 0.0707..., over sqrt(2) seeds: 0.05
        assertEquals(0.05, p.testErrorStandardError(), 1e-12);
        assertEquals(0.5, p.testLoss(), 1e-12);
        assertEquals(List.of(60, 0), List.of(profile.get(2).targetSize(), profile.get(2).layer()));
    }

    @Test
    void rowsStartWithTheMatrixCellAndSummaryNamesTheBestLayerPerSize() {
        assertEquals(List.of("etaF", "seed", "targetSize", "trainSize", "validationSize", "layer", "width", "testError", "testLoss", "trainError",
                "validationError", "epochs", "bestEpoch", "stopReason"), List.copyOf(TABLE.probeRows().get(0).keySet()));
        assertEquals(List.of("etaF", "targetSize", "trainSize", "layer", "width", "seeds", "testError", "testErrorStandardError", "testLoss",
                "trainError", "validationError"), List.copyOf(TABLE.profileRows().get(0).keySet()));
        String summary = TABLE.summary(2);
        assertTrue(summary.contains("mean ± standard error over 2 seeds"), summary);
        assertTrue(summary.contains("0.250 ± 0.050"), summary);
        assertTrue(summary.endsWith("lowest mean test error: layer 1 for n=30, layer 0 for n=60"), summary);
    }

    @Test
    void aSingleSeedHasNoErrorBar() {
        String summary = new ProbeTable(List.of(new ProbeTable.Entry(0, probe(30, 0, 0.4))), Map.of()).summary(1);
        assertTrue(summary.contains("(one seed: standard error n/a (1 seed))") && summary.contains(" 0.400\n"), summary);
    }

    @Test
    void probeResultsRoundTripThroughTheirFile(@TempDir Path dir) throws Exception {
        ProbeResult r = new ProbeResult(60, 60, 50, 2, 8, 0.1 / 3, 0.6931471805599453, 0.0, 0.2, 41, 21, "patience");
        r.write(dir);
        assertEquals(r, ProbeResult.read(dir));
    }
}
