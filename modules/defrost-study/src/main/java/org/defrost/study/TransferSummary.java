package org.defrost.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Statistics over seeds of a sweep for one task pair: for each (target size, initialisation, depth)
 * the mean test error and its standard error; for each (target size, initialisation) the optimal depth
 * ℓ* (the argmin of the mean; ties go to the deeper transfer, the cheaper one to train), the gains over
 * scratch (ℓ = 0, random) and over the classic recipe (ℓ = L), and a one-sided paired t-test over seeds
 * of whether ℓ* beats ℓ = L.
 */
final class TransferSummary {
    /** One cell's test error, identified by target size, requested initialisation, depth and seed. */
    record Observation(int targetSize, String init, int depth, int seed, double testError) {
    }

    /** Mean and standard error of a depth's test error. */
    record DepthStats(int targetSize, String init, int depth, int seeds, double mean, double stderr) {
    }

    /** The answer for one target size and initialisation. */
    record Optimum(int targetSize, String init, int depthStar, double error, double stderr, double scratch,
                   double standard, double gainOverScratch, double gainOverStandard, double pValue, boolean significant) {
    }

    private final int layers;
    private final double alpha;
    final List<DepthStats> depthStats = new ArrayList<>();
    final List<Optimum> optima = new ArrayList<>();

    TransferSummary(List<Observation> observations, int layers, double alpha) {
        this.layers = layers;
        this.alpha = alpha;
        Map<Integer, Map<String, Map<Integer, Map<Integer, Double>>>> grouped = new TreeMap<>();
        for (Observation o : observations) {
            grouped.computeIfAbsent(o.targetSize(), k -> new TreeMap<>()).computeIfAbsent(o.init(), k -> new TreeMap<>())
                    .computeIfAbsent(o.depth(), k -> new TreeMap<>()).put(o.seed(), o.testError());
        }
        grouped.forEach((n, byInit) -> byInit.forEach((init, byDepth) -> summarise(n, init, byDepth, byInit)));
    }

    private void summarise(int n, String init, Map<Integer, Map<Integer, Double>> byDepth,
                           Map<String, Map<Integer, Map<Integer, Double>>> byInit) {
        int best = -1;
        double bestMean = Double.POSITIVE_INFINITY;
        double bestStderr = Double.NaN;
        for (Map.Entry<Integer, Map<Integer, Double>> e : byDepth.entrySet()) {
            double[] values = e.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
            double mean = mean(values);
            double se = stderr(values);
            depthStats.add(new DepthStats(n, init, e.getKey(), values.length, mean, se));
            if (mean <= bestMean) {
                bestMean = mean;
                bestStderr = se;
                best = e.getKey();
            }
        }
        Map<Integer, Double> scratchCells = byInit.getOrDefault("random", Map.of()).get(0);
        double scratch = scratchCells == null ? Double.NaN : mean(values(scratchCells));
        Map<Integer, Double> standardCells = byDepth.get(layers);
        double standard = standardCells == null ? Double.NaN : mean(values(standardCells));
        double p = standardCells == null ? Double.NaN : pairedOneSidedP(standardCells, byDepth.get(best));
        optima.add(new Optimum(n, init, best, bestMean, bestStderr, scratch, standard, scratch - bestMean,
                standard - bestMean, p, p < alpha));
    }

    /** P-value of H1 "ℓ* has lower error than ℓ = L" from the per-seed differences; NaN with fewer than 2 pairs. */
    static double pairedOneSidedP(Map<Integer, Double> standard, Map<Integer, Double> best) {
        List<Double> diffs = new ArrayList<>();
        standard.forEach((seed, err) -> {
            Double b = best.get(seed);
            if (b != null) {
                diffs.add(err - b);
            }
        });
        if (diffs.size() < 2) {
            return Double.NaN;
        }
        double[] d = diffs.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = mean(d);
        double se = stderr(d);
        if (se == 0) {
            return mean > 0 ? 0 : 1;
        }
        return 1 - new TDistribution(null, d.length - 1).cumulativeProbability(mean / se);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    /** Standard error of the mean: sample standard deviation / sqrt(k); 0 for a single value. */
    static double stderr(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1)) / Math.sqrt(v.length);
    }

    private static double[] values(Map<Integer, Double> bySeed) {
        return bySeed.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    List<Map<String, Object>> depthRows(Map<String, Object> cell) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DepthStats s : depthStats) {
            Map<String, Object> r = new LinkedHashMap<>(cell);
            r.put("targetSize", s.targetSize());
            r.put("init", s.init());
            r.put("depth", s.depth());
            r.put("seeds", s.seeds());
            r.put("meanTestError", s.mean());
            r.put("stderrTestError", s.stderr());
            rows.add(r);
        }
        return rows;
    }

    List<Map<String, Object>> optimumRows(Map<String, Object> cell) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Optimum o : optima) {
            Map<String, Object> r = new LinkedHashMap<>(cell);
            r.put("targetSize", o.targetSize());
            r.put("init", o.init());
            r.put("layers", layers);
            r.put("depthStar", o.depthStar());
            r.put("meanTestError", o.error());
            r.put("stderrTestError", o.stderr());
            r.put("scratchTestError", o.scratch());
            r.put("standardTestError", o.standard());
            r.put("gainOverScratch", o.gainOverScratch());
            r.put("gainOverStandard", o.gainOverStandard());
            r.put("pValueVsStandard", o.pValue());
            r.put("significantVsStandard", o.significant());
            rows.add(r);
        }
        return rows;
    }

    /** Lines for the terminal: ℓ* per target size and initialisation with the comparison. */
    String text(Map<String, Object> cell, int seeds) {
        StringBuilder sb = new StringBuilder("Optimal transfer depth");
        if (!cell.isEmpty()) {
            sb.append(' ').append(cell);
        }
        sb.append(String.format(" (L = %d; mean test error ± s.e. over %d seed%s):%n", layers, seeds, seeds == 1 ? "" : "s"));
        for (Optimum o : optima) {
            sb.append(String.format("  n=%-6d %-10s l*=%d  %.4f ± %.4f   scratch %s   all frozen (l=%d) %.4f%s%n",
                    o.targetSize(), o.init(), o.depthStar(), o.error(), o.stderr(),
                    Double.isNaN(o.scratch()) ? "n/a" : String.format("%.4f", o.scratch()), layers, o.standard(),
                    o.significant() ? "  (better than all frozen, p=" + String.format("%.3g", o.pValue()) + ")" : ""));
        }
        return sb.toString().stripTrailing();
    }
}
