package org.defrost.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The answer of a sweep for one task pair (docs/statistics.md): for every target size n, the transfer depth
 * ℓ* and the initialisation of the layers above it, <em>chosen on validation error only</em> (the mean over
 * seeds of each cell's best-epoch validation error; ties go to the deeper transfer, then to the earlier
 * initialisation of the plan), and the test error of that choice with its uncertainty:
 * <ul>
 *   <li>one-sided paired t-tests over seeds, on test errors, of the choice against scratch (ℓ = 0, random),
 *       against the classic recipe (ℓ = L) and against its neighbours ℓ* ± 1 with the same initialisation
 *       (the largest of the neighbours' p-values: better than both);</li>
 *   <li>a seed bootstrap that repeats the choice on every resample of the seeds: how often each candidate is
 *       chosen, and percentile intervals for the gains over scratch and over ℓ = L.</li>
 * </ul>
 * The candidate with the lowest mean <em>test</em> error is kept as the oracle, a diagnostic only. With one
 * seed no spread, interval, p-value or bootstrap probability exists: they are NaN and nothing is significant.
 */
final class TransferStatistics {
    /** Relative tolerance below which two mean errors count as a tie. */
    private static final double TIE = 1e-12;

    /**
     * One trained cell.
     *
     * @param targetSize      n as requested
     * @param trainSize       rows trained on
     * @param validationSize  rows early-stopped on
     * @param init            the initialisation requested for the layers above ℓ
     * @param build           the initialisation the cell was built with (at ℓ = L both requests build the same cell)
     * @param depth           ℓ
     * @param seed            the seed index
     * @param validationError validation error at the restored best epoch
     * @param testError       test error after training
     */
    record Observation(int targetSize, int trainSize, int validationSize, String init, String build, int depth,
                       int seed, double validationError, double testError) {
    }

    /**
     * Settings of the analysis.
     *
     * @param layers               L, the number of feature layers (ℓ = L is the classic recipe)
     * @param initOrder            the initialisations in plan order (ties at one depth go to the earlier)
     * @param alpha                significance level of the tests; the intervals have coverage 1 - alpha
     * @param resamples            seed-bootstrap resamples
     * @param bootstrapSeed        seed of the resampling
     * @param validationFromBudget whether validation rows were taken out of the target sizes (for the tables)
     */
    record Settings(int layers, List<String> initOrder, double alpha, int resamples, long bootstrapSeed,
                    boolean validationFromBudget) {
    }

    /** Statistics over seeds of one (n, init, depth): the rows of {@code summary.csv}. */
    record Candidate(int targetSize, int trainSize, int validationSize, String init, String build, int depth,
                     double[] validation, double[] test, double probabilityBest) {
        int seeds() {
            return test.length;
        }

        double meanTest() {
            return mean(test);
        }

        double meanValidation() {
            return mean(validation);
        }
    }

    /** The answer for one target size: the rows of {@code optimal-depths.csv}. */
    record Optimum(int targetSize, int trainSize, int validationSize, int seeds, Candidate chosen,
                   double stderrTestError, Candidate scratch, Candidate standard, Interval gainOverScratch,
                   Interval gainOverStandard, double pValueVsScratch, double pValueVsStandard,
                   double pValueVsNeighbours, Candidate oracle) {
    }

    /**
     * A gain (positive: the choice has the lower error) with its bootstrap percentile interval.
     *
     * @param value mean gain over seeds; NaN when the baseline was not trained
     * @param low   lower end of the interval; NaN with one seed or no baseline
     * @param high  upper end
     */
    record Interval(double value, double low, double high) {
    }

    private final Settings settings;
    final List<Candidate> candidates = new ArrayList<>();
    final List<Optimum> optima = new ArrayList<>();

    TransferStatistics(List<Observation> observations, Settings settings) {
        this.settings = settings;
        Map<Integer, List<Observation>> bySize = new TreeMap<>();
        for (Observation o : observations) {
            bySize.computeIfAbsent(o.targetSize(), k -> new ArrayList<>()).add(o);
        }
        bySize.forEach((n, obs) -> summarise(obs));
    }

    private void summarise(List<Observation> obs) {
        int[] seeds = obs.stream().mapToInt(Observation::seed).distinct().sorted().toArray();
        Map<String, Map<Integer, Observation[]>> grid = new LinkedHashMap<>();
        for (Observation o : obs) {
            Observation[] bySeed = grid.computeIfAbsent(o.init(), k -> new TreeMap<>())
                    .computeIfAbsent(o.depth(), k -> new Observation[seeds.length]);
            bySeed[Arrays.binarySearch(seeds, o.seed())] = o;
        }
        List<Candidate> all = new ArrayList<>();
        for (String init : orderedInits(grid.keySet())) {
            grid.get(init).forEach((depth, bySeed) -> {
                for (Observation o : bySeed) {
                    if (o == null) {
                        throw new IllegalArgumentException("depth " + depth + " with " + init + " lacks a seed at n = "
                                + obs.get(0).targetSize() + ": every cell needs every seed to be paired");
                    }
                }
                all.add(new Candidate(bySeed[0].targetSize(), bySeed[0].trainSize(), bySeed[0].validationSize(), init,
                        bySeed[0].build(), depth, Arrays.stream(bySeed).mapToDouble(Observation::validationError).toArray(),
                        Arrays.stream(bySeed).mapToDouble(Observation::testError).toArray(), Double.NaN));
            });
        }
        List<Candidate> distinct = distinctCells(all);
        Candidate chosen = choose(distinct, Candidate::validation, null);
        Candidate oracle = choose(distinct, Candidate::test, null);
        Candidate scratch = find(all, "random", 0);
        Candidate standard = distinct.stream().filter(c -> c.depth() == settings.layers()).findFirst().orElse(null);
        double[] probability = new double[distinct.size()];
        Interval overScratch;
        Interval overStandard;
        int k = seeds.length;
        if (k < 2) {
            Arrays.fill(probability, Double.NaN);
            overScratch = new Interval(gain(scratch, chosen, null), Double.NaN, Double.NaN);
            overStandard = new Interval(gain(standard, chosen, null), Double.NaN, Double.NaN);
        } else {
            int b = settings.resamples();
            double[] gainsScratch = new double[b];
            double[] gainsStandard = new double[b];
            SplittableRandom random = new SplittableRandom(settings.bootstrapSeed());
            int[] sample = new int[k];
            for (int r = 0; r < b; r++) {
                for (int i = 0; i < k; i++) {
                    sample[i] = random.nextInt(k);
                }
                Candidate c = choose(distinct, Candidate::validation, sample);
                probability[distinct.indexOf(c)] += 1.0 / b;
                gainsScratch[r] = gain(scratch, c, sample);
                gainsStandard[r] = gain(standard, c, sample);
            }
            overScratch = interval(gain(scratch, chosen, null), gainsScratch);
            overStandard = interval(gain(standard, chosen, null), gainsStandard);
        }
        List<Candidate> rows = new ArrayList<>();
        for (Candidate c : all) {
            Candidate cell = distinct.stream().filter(d -> sameCell(c, d)).findFirst().orElseThrow();
            rows.add(new Candidate(c.targetSize(), c.trainSize(), c.validationSize(), c.init(), c.build(),
                    c.depth(), c.validation(), c.test(), probability[distinct.indexOf(cell)]));
        }
        candidates.addAll(rows);
        Candidate chosenRow = rows.stream().filter(c -> sameCell(c, chosen) && c.init().equals(chosen.init()))
                .findFirst().orElseThrow();
        optima.add(new Optimum(chosen.targetSize(), chosen.trainSize(), chosen.validationSize(), k, chosenRow,
                stderr(chosen.test()), scratch, standard, overScratch, overStandard,
                pairedOneSidedP(scratch, chosen), pairedOneSidedP(standard, chosen),
                neighboursP(all, chosen), oracle));
    }

    private List<String> orderedInits(java.util.Set<String> present) {
        List<String> out = new ArrayList<>();
        for (String init : settings.initOrder()) {
            if (present.contains(init)) {
                out.add(init);
            }
        }
        present.stream().filter(i -> !out.contains(i)).sorted().forEach(out::add);
        return out;
    }

    /**
     * One candidate per trained cell: at ℓ = L both initialisations name the same cell, which is kept once,
     * under the initialisation it was built with when that was requested.
     */
    private static List<Candidate> distinctCells(List<Candidate> all) {
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : all) {
            int same = -1;
            for (int i = 0; i < out.size(); i++) {
                if (sameCell(out.get(i), c)) {
                    same = i;
                }
            }
            if (same < 0) {
                out.add(c);
            } else if (!out.get(same).init().equals(out.get(same).build()) && c.init().equals(c.build())) {
                out.set(same, c);
            }
        }
        return out;
    }

    private static boolean sameCell(Candidate a, Candidate b) {
        return a.depth() == b.depth() && a.build().equals(b.build());
    }

    private static Candidate find(List<Candidate> all, String init, int depth) {
        return all.stream().filter(c -> c.init().equals(init) && c.depth() == depth).findFirst().orElse(null);
    }

    /**
     * The candidate with the lowest mean of {@code errors} over the seeds in {@code sample} (all seeds when
     * null); ties go to the deeper transfer, then to the earlier candidate in the list (plan order of inits).
     */
    static Candidate choose(List<Candidate> candidates, java.util.function.Function<Candidate, double[]> errors,
                            int[] sample) {
        Candidate best = null;
        double bestMean = Double.NaN;
        for (Candidate c : candidates) {
            double m = sample == null ? mean(errors.apply(c)) : meanOf(errors.apply(c), sample);
            if (best == null || m < bestMean - TIE * Math.max(1, Math.abs(bestMean))) {
                best = c;
                bestMean = m;
            } else if (Math.abs(m - bestMean) <= TIE * Math.max(1, Math.abs(bestMean)) && c.depth() > best.depth()) {
                best = c;
                bestMean = m;
            }
        }
        return best;
    }

    /** Mean over the sampled seeds of baseline test error minus the candidate's; NaN without a baseline. */
    private static double gain(Candidate baseline, Candidate c, int[] sample) {
        if (baseline == null) {
            return Double.NaN;
        }
        double s = 0;
        int k = sample == null ? c.seeds() : sample.length;
        for (int i = 0; i < k; i++) {
            int seed = sample == null ? i : sample[i];
            s += baseline.test()[seed] - c.test()[seed];
        }
        return s / k;
    }

    private Interval interval(double value, double[] resampled) {
        if (Double.isNaN(value)) {
            return new Interval(value, Double.NaN, Double.NaN);
        }
        double[] sorted = resampled.clone();
        Arrays.sort(sorted);
        double a = settings.alpha();
        return new Interval(value, quantile(sorted, a / 2), quantile(sorted, 1 - a / 2));
    }

    /** The q-quantile of sorted values, interpolating linearly between order statistics. */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The largest p-value of the choice against its neighbours ℓ* ± 1 (evaluated depths, same init). */
    private static double neighboursP(List<Candidate> all, Candidate chosen) {
        Candidate below = null;
        Candidate above = null;
        for (Candidate c : all) {
            if (!c.init().equals(chosen.init()) || c.depth() == chosen.depth()) {
                continue;
            }
            if (c.depth() < chosen.depth() && (below == null || c.depth() > below.depth())) {
                below = c;
            }
            if (c.depth() > chosen.depth() && (above == null || c.depth() < above.depth())) {
                above = c;
            }
        }
        if (below == null && above == null) {
            return Double.NaN;
        }
        double p = Double.NEGATIVE_INFINITY;
        for (Candidate n : new Candidate[] {below, above}) {
            if (n != null) {
                p = Math.max(p, pairedOneSidedP(n, chosen));
            }
        }
        return p;
    }

    /**
     * P-value of H1 "the candidate has a lower test error than the baseline" from the per-seed differences,
     * one-sided Student t with k - 1 degrees of freedom. NaN with fewer than 2 seeds, without a baseline, or
     * when the candidate is the baseline's cell; with zero spread, 0 for a positive mean difference, else 1.
     */
    static double pairedOneSidedP(Candidate baseline, Candidate candidate) {
        if (baseline == null || candidate.seeds() < 2 || sameCell(baseline, candidate)) {
            return Double.NaN;
        }
        double[] d = new double[candidate.seeds()];
        for (int i = 0; i < d.length; i++) {
            d[i] = baseline.test()[i] - candidate.test()[i];
        }
        return pairedOneSidedP(d);
    }

    /** One-sided paired t-test p-value of H1 "mean of d > 0"; NaN with fewer than 2 differences. */
    static double pairedOneSidedP(double[] d) {
        if (d.length < 2) {
            return Double.NaN;
        }
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

    private static double meanOf(double[] v, int[] sample) {
        double s = 0;
        for (int i : sample) {
            s += v[i];
        }
        return s / sample.length;
    }

    /** Standard error of the mean: sample standard deviation / sqrt(k); NaN for fewer than two values. */
    static double stderr(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1)) / Math.sqrt(v.length);
    }

    boolean significant(double p) {
        return !Double.isNaN(p) && p < settings.alpha();
    }

    /** A table row starting with the matrix cell's values and the size columns of target size n. */
    private static Map<String, Object> sizeRow(Map<String, Object> cell, int targetSize, int trainSize,
                                               int validationSize) {
        Map<String, Object> r = new LinkedHashMap<>(cell);
        r.put("targetSize", targetSize);
        r.put("trainSize", trainSize);
        r.put("validationSize", validationSize);
        return r;
    }

    /** {@code summary.csv}: one row per (n, init, depth). */
    List<Map<String, Object>> summaryRows(Map<String, Object> cell) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt(Candidate::targetSize));
        for (Candidate c : sorted) {
            Map<String, Object> r = sizeRow(cell, c.targetSize(), c.trainSize(), c.validationSize());
            r.put("init", c.init());
            r.put("depth", c.depth());
            r.put("seeds", c.seeds());
            r.put("meanTestError", c.meanTest());
            r.put("stderrTestError", stderr(c.test()));
            r.put("meanValidationError", c.meanValidation());
            r.put("stderrValidationError", stderr(c.validation()));
            r.put("probabilityBest", c.probabilityBest());
            rows.add(r);
        }
        return rows;
    }

    /** {@code optimal-depths.csv}: one row per n. */
    List<Map<String, Object>> optimumRows(Map<String, Object> cell) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Optimum o : optima) {
            Map<String, Object> r = sizeRow(cell, o.targetSize(), o.trainSize(), o.validationSize());
            r.put("validationFromBudget", settings.validationFromBudget());
            r.put("layers", settings.layers());
            r.put("seeds", o.seeds());
            r.put("depthStar", o.chosen().depth());
            r.put("init", o.chosen().init());
            r.put("meanValidationError", o.chosen().meanValidation());
            r.put("meanTestError", o.chosen().meanTest());
            r.put("stderrTestError", o.stderrTestError());
            r.put("scratchTestError", o.scratch() == null ? Double.NaN : o.scratch().meanTest());
            r.put("stderrScratchTestError", o.scratch() == null ? Double.NaN : stderr(o.scratch().test()));
            r.put("standardTestError", o.standard() == null ? Double.NaN : o.standard().meanTest());
            r.put("stderrStandardTestError", o.standard() == null ? Double.NaN : stderr(o.standard().test()));
            r.put("gainOverScratch", o.gainOverScratch().value());
            r.put("gainOverScratchLow", o.gainOverScratch().low());
            r.put("gainOverScratchHigh", o.gainOverScratch().high());
            r.put("gainOverStandard", o.gainOverStandard().value());
            r.put("gainOverStandardLow", o.gainOverStandard().low());
            r.put("gainOverStandardHigh", o.gainOverStandard().high());
            r.put("pValueVsScratch", o.pValueVsScratch());
            r.put("significantVsScratch", significant(o.pValueVsScratch()));
            r.put("pValueVsStandard", o.pValueVsStandard());
            r.put("significantVsStandard", significant(o.pValueVsStandard()));
            r.put("pValueVsNeighbours", o.pValueVsNeighbours());
            r.put("significantVsNeighbours", significant(o.pValueVsNeighbours()));
            r.put("probabilityBest", o.chosen().probabilityBest());
            r.put("oracleDepthStar", o.oracle().depth());
            r.put("oracleInit", o.oracle().init());
            r.put("oracleTestError", o.oracle().meanTest());
            rows.add(r);
        }
        return rows;
    }
}
