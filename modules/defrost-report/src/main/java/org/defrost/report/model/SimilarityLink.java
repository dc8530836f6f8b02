package org.defrost.report.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.defrost.report.model.SimilarityResults.CellSimilarity;
import org.defrost.report.model.SimilarityResults.ProfilePoint;
import org.defrost.report.model.TransitionDepth.Definition;

/**
 * Whether the similarity profiles predict ℓ*: for every probe, measure and definition of the transition depth,
 * one point per (task pair, target size) pairing the transition depth of the S-vs-T* profile with the chosen ℓ*,
 * and across them Spearman's rank correlation with a bootstrap interval over task pairs.
 *
 * <p>The profile of a point is that of the T* trained on the point's number of training examples when the
 * similarity stage trained one, else that of T* trained on the whole target pool (then every size of a task pair
 * shares one transition depth).
 */
public final class SimilarityLink {
    /** Bootstrap resamples of the correlation's interval. */
    static final int RESAMPLES = 2000;
    /** Coverage of the correlation's interval. */
    public static final double CONFIDENCE = 0.95;
    /** Seed of the bootstrap: the same results give the same interval. */
    private static final long SEED = 0x5eed14L;

    /**
     * One (task pair, target size).
     *
     * @param cell            the task pair
     * @param targetSize      number of target examples n
     * @param trainSize       the target size of the T* whose profile was used; 0 for the whole-pool T*
     * @param transitionDepth the profile's transition depth
     * @param depthStar       the chosen ℓ*
     */
    public record Point(MatrixCell cell, int targetSize, int trainSize, int transitionDepth, int depthStar) {
    }

    /**
     * The correlation of one probe, measure and definition.
     *
     * @param probe      the probe inputs
     * @param measure    the measure
     * @param definition how the transition depth was read
     * @param points     the (transition depth, ℓ*) pairs
     * @param taskPairs  number of distinct task pairs among the points
     * @param rho        Spearman's ρ; NaN when undefined (fewer than 3 points, or a constant variable)
     * @param low        lower end of the bootstrap interval; NaN with fewer than 3 task pairs
     * @param high       upper end of the bootstrap interval
     */
    public record Correlation(String probe, String measure, Definition definition, List<Point> points, int taskPairs,
                              double rho, double low, double high) {
        public Correlation {
            points = List.copyOf(points);
        }

        /** A verdict in words: tracks ℓ* when the interval lies above 0, runs against it below 0. */
        public String verdict() {
            if (Double.isNaN(rho)) {
                return points.size() < 3 ? "too few points" : "undefined (a constant variable)";
            }
            if (Double.isNaN(low)) {
                return "no interval (" + taskPairs + " task pair" + (taskPairs == 1 ? "" : "s") + "; needs "
                        + RankCorrelation.MIN_GROUPS + ")";
            }
            if (low > 0) {
                return "tracks ℓ*";
            }
            if (high < 0) {
                return "runs against ℓ*";
            }
            return "inconclusive (interval covers 0)";
        }
    }

    private SimilarityLink() {
    }

    /** Every probe × measure × definition that yields at least one point, in the similarity stage's order. */
    public static List<Correlation> correlate(TransferResults transfer, SimilarityResults similarity) {
        List<Correlation> out = new ArrayList<>();
        for (String probe : similarity.probes()) {
            for (String measure : similarity.measures()) {
                for (Definition d : Definition.values()) {
                    List<Point> points = points(transfer, similarity, probe, measure, d);
                    if (!points.isEmpty()) {
                        out.add(correlation(probe, measure, d, points));
                    }
                }
            }
        }
        return out;
    }

    static List<Point> points(TransferResults transfer, SimilarityResults similarity, String probe, String measure,
                              Definition definition) {
        double floor = Double.POSITIVE_INFINITY;
        for (CellSimilarity c : similarity.cells()) {
            for (ProfilePoint p : c.profile()) {
                if (p.probe().equals(probe) && p.measure().equals(measure) && Double.isFinite(p.mean())) {
                    floor = Math.min(floor, TransitionDepth.oriented(p.mean(), measure));
                }
            }
        }
        List<Point> points = new ArrayList<>();
        for (TransferCell c : transfer.cells()) {
            Optional<CellSimilarity> s = similarity.cell(c.cell());
            if (s.isEmpty()) {
                continue;
            }
            for (Optimum o : c.optima()) {
                List<Integer> sized = s.get().trainSizes();
                int trainSize = sized.contains(o.targetSize()) ? o.targetSize()
                        : sized.contains(o.trainSize()) ? o.trainSize() : 0;
                List<ProfilePoint> profile = s.get().profile(probe, measure, trainSize);
                if (profile.isEmpty()) {
                    continue;
                }
                double[] values = profile.stream().mapToDouble(ProfilePoint::mean).toArray();
                int t = TransitionDepth.of(values, measure, c.layers(), definition, floor);
                if (t >= 0) {
                    points.add(new Point(c.cell(), o.targetSize(), trainSize, t, o.depthStar()));
                }
            }
        }
        return points;
    }

    static Correlation correlation(String probe, String measure, Definition d, List<Point> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        int[] group = new int[points.size()];
        Map<MatrixCell, Integer> groups = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) {
            Point p = points.get(i);
            x[i] = p.transitionDepth();
            y[i] = p.depthStar();
            group[i] = groups.computeIfAbsent(p.cell(), k -> groups.size());
        }
        double rho = RankCorrelation.spearman(x, y);
        double[] interval = Double.isNaN(rho) ? new double[]{Double.NaN, Double.NaN}
                : RankCorrelation.bootstrapInterval(x, y, group, RESAMPLES, CONFIDENCE, SEED);
        return new Correlation(probe, measure, d, points, groups.size(), rho, interval[0], interval[1]);
    }
}
