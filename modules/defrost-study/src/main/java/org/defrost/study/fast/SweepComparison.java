package org.defrost.study.fast;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defrost.spi.Artifact;
import org.defrost.study.support.Csv;

/**
 * What the full sweep ({@code fine-tune}'s transfer-results of one matrix cell) says for one seed and target
 * size: its ℓ* and initialisation chosen on validation error, the test error of that choice, and what its cells
 * of that seed cost.
 *
 * @param depth            ℓ* of the sweep (over all its seeds)
 * @param init             its initialisation
 * @param testError        mean test error of the choice over seeds
 * @param costSampleEpochs epochs × training rows summed over the seed's distinct cells at this size
 * @param seconds          wall time of those cells
 */
record SweepComparison(int depth, String init, double testError, long costSampleEpochs, double seconds) {

    /** The comparison for seed {@code seed} and size {@code n}, or null when the results do not hold that size. */
    static SweepComparison of(Artifact results, int seed, int n) throws IOException {
        Map<String, String> optimum = null;
        for (Map<String, String> row : Csv.read(results.file("optimal-depths.csv"))) {
            if (Integer.parseInt(row.get("targetSize")) == n) {
                optimum = row;
            }
        }
        if (optimum == null) {
            return null;
        }
        long cost = 0;
        double seconds = 0;
        Set<String> seen = new HashSet<>();
        List<Map<String, String>> cells = Csv.read(results.file("cells.csv"));
        for (Map<String, String> cell : cells) {
            if (Integer.parseInt(cell.get("seed")) == seed && Integer.parseInt(cell.get("targetSize")) == n
                    && seen.add(cell.get("cellKey"))) {
                cost += Long.parseLong(cell.get("epochs")) * Long.parseLong(cell.get("trainSize"));
                seconds += cell.get("seconds").isEmpty() ? 0 : Double.parseDouble(cell.get("seconds"));
            }
        }
        return new SweepComparison(Integer.parseInt(optimum.get("depthStar")), optimum.get("init"),
                Double.parseDouble(optimum.get("meanTestError")), cost, seconds);
    }
}
