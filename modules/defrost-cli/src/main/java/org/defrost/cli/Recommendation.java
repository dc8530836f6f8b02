package org.defrost.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.defrost.engine.store.StoredArtifact;
import org.defrost.study.support.Csv;

/**
 * The answer of {@code defrost recommend}, read from the {@code fine-tune} results of its run: per source network
 * and target size, ℓ* and its initialisation (chosen on validation error), the expected test error with its
 * interval, and the gains over freezing everything and over training from scratch with their bootstrap intervals
 * and p-values (docs/statistics.md), and the ranking of the source networks.
 *
 * @param choices  one per source network and target size, sources in the pipeline's order
 * @param level    the level of the intervals of the expected test errors, e.g. 0.95
 */
record Recommendation(List<Choice> choices, double level) {

    /**
     * A gain of the choice over a baseline.
     *
     * @param baselineError the baseline's mean test error
     * @param value         baseline error minus the choice's (positive: the choice is better)
     * @param low           lower end of its seed-bootstrap interval (NaN with one resample)
     * @param high          upper end
     * @param p             one-sided paired t-test p-value (NaN when the choice is the baseline, or one resample)
     */
    record Gain(double baselineError, double value, double low, double high, double p) {
    }

    /**
     * The choice for one source network and target size.
     *
     * @param source          the source network's file
     * @param cellsCsv        the {@code cells.csv} of its sweep
     * @param targetSize      n, the examples trained on
     * @param validationSize  the validation rows early stopping used
     * @param layers          L, the source network's feature layers
     * @param resamples       the resamplings averaged over
     * @param depthStar       ℓ*: layers 1..ℓ* copied from the source and frozen
     * @param init            how the layers above ℓ* start: random or pretrained
     * @param testError       mean test error of the choice over resamples
     * @param stderr          its standard error
     * @param low             lower end of the t interval of the mean at {@link Recommendation#level}
     * @param high            upper end
     * @param probabilityBest share of bootstrap resamples choosing the same cell
     * @param overStandard    the gain over freezing every feature layer (ℓ = L)
     * @param overScratch     the gain over training from scratch (ℓ = 0, random)
     */
    record Choice(Path source, Path cellsCsv, int targetSize, int validationSize, int layers, int resamples, int depthStar,
                  String init, double testError, double stderr, double low, double high, double probabilityBest,
                  Gain overStandard, Gain overScratch) {

        /** What to do, in words. */
        String advice() {
            if (depthStar == 0) {
                return init.equals("random") ? "train from scratch (l* = 0): the source network does not help here"
                        : "fine-tune every layer, starting from the source network (l* = 0, pretrained)";
            }
            String frozen = depthStar == 1 ? "layer 1" : "layers 1.." + depthStar;
            if (depthStar == layers) {
                return "keep all " + layers + " feature layers frozen and train a new readout (l* = L = " + layers + ")";
            }
            return "keep " + frozen + " frozen (l* = " + depthStar + " of " + layers + ") and "
                    + (init.equals("random") ? "re-initialise the layers above (random)"
                    : "train the layers above starting from the source network (pretrained)");
        }
    }

    /**
     * Reads the answer from the {@code fine-tune} artifacts of a run, one per matrix cell.
     *
     * @param sources the source network of each matrix cell, in order
     */
    static Recommendation read(List<StoredArtifact> results, List<Path> sources, double level) throws IOException {
        List<Choice> choices = new ArrayList<>();
        for (int c = 0; c < results.size(); c++) {
            Path dir = results.get(c).directory();
            for (Map<String, String> row : Csv.read(dir.resolve("optimal-depths.csv"))) {
                int resamples = integer(row, "seeds");
                double mean = number(row, "meanTestError");
                double se = number(row, "stderrTestError");
                double half = resamples > 1
                        ? new TDistribution(null, resamples - 1).inverseCumulativeProbability(0.5 + level / 2) * se : Double.NaN;
                choices.add(new Choice(sources.get(c), dir.resolve("cells.csv"), integer(row, "targetSize"),
                        integer(row, "validationSize"), integer(row, "layers"), resamples, integer(row, "depthStar"),
                        row.get("init"), mean, se, mean - half, mean + half, number(row, "probabilityBest"),
                        gain(row, "standardTestError", "gainOverStandard", "pValueVsStandard"),
                        gain(row, "scratchTestError", "gainOverScratch", "pValueVsScratch")));
            }
        }
        return new Recommendation(List.copyOf(choices), level);
    }

    private static Gain gain(Map<String, String> row, String baseline, String gain, String p) {
        return new Gain(number(row, baseline), number(row, gain), number(row, gain + "Low"), number(row, gain + "High"),
                number(row, p));
    }

    private static int integer(Map<String, String> row, String column) {
        return Integer.parseInt(row.get(column));
    }

    private static double number(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }

    /** The largest target size studied: the one the ranking and the exported network use. */
    int largestSize() {
        return choices.stream().mapToInt(Choice::targetSize).max().orElseThrow();
    }

    /** The source networks at the largest size, best first: by the mean test error of their chosen cell. */
    List<Choice> ranking() {
        int n = largestSize();
        return choices.stream().filter(c -> c.targetSize() == n)
                .sorted(Comparator.comparingDouble(Choice::testError).thenComparing(c -> c.source().toString())).toList();
    }

    /** The answer in words, per source network and size, then the ranking when there are several sources. */
    String text(String data) {
        StringBuilder sb = new StringBuilder();
        int resamples = choices.get(0).resamples();
        sb.append("Recommendation for ").append(data).append(" (").append(resamples).append(resamples == 1 ? " resample" : " resamples")
                .append(": stratified resamplings of your examples, not fresh draws; l* and its initialisation chosen on "
                        + "validation error; errors on each resample's held-out test rows):\n");
        Path previous = null;
        for (Choice c : choices) {
            if (!c.source().equals(previous)) {
                sb.append("  source ").append(c.source().getFileName()).append(" (L = ").append(c.layers()).append(")\n");
                previous = c.source();
            }
            sb.append(String.format(Locale.ROOT, "    n=%d (+%d validation): %s%n", c.targetSize(), c.validationSize(), c.advice()));
            if (c.resamples() > 1) {
                sb.append(String.format(Locale.ROOT, "      expected test error %.4f ± %.4f (s.e.), %.0f%% interval [%.4f, %.4f]; "
                        + "chosen in %.0f%% of bootstrap resamples%n", c.testError(), c.stderr(), 100 * level, c.low(), c.high(),
                        100 * c.probabilityBest()));
            } else {
                sb.append(String.format(Locale.ROOT, "      expected test error %.4f (one resample: interval n/a)%n", c.testError()));
            }
            sb.append(gainLine("gain over freezing everything (l=" + c.layers() + ")", c.overStandard()));
            sb.append(gainLine("gain over training from scratch", c.overScratch()));
        }
        if (ranking().size() > 1) {
            sb.append(String.format(Locale.ROOT, "Source networks ranked by the test error at their l* (n=%d):%n", largestSize()));
            sb.append(String.format(Locale.ROOT, "  %-4s %-28s %-3s %-10s %-17s %s%n", "rank", "source", "l*", "init",
                    "test error", "gain over scratch"));
            int rank = 1;
            for (Choice c : ranking()) {
                sb.append(String.format(Locale.ROOT, "  %-4d %-28s %-3d %-10s %-17s %.4f%n", rank++, c.source().getFileName(),
                        c.depthStar(), c.init(), c.resamples() > 1 ? String.format(Locale.ROOT, "%.4f ± %.4f", c.testError(),
                                c.stderr()) : String.format(Locale.ROOT, "%.4f", c.testError()), c.overScratch().value()));
            }
        }
        return sb.toString();
    }

    private static String gainLine(String what, Gain g) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "      %-38s %.4f (its test error %.4f)", what + ":",
                g.value(), g.baselineError()));
        if (!Double.isNaN(g.low())) {
            sb.append(String.format(Locale.ROOT, ", interval [%.4f, %.4f]", g.low(), g.high()));
        }
        if (!Double.isNaN(g.p())) {
            sb.append(String.format(Locale.ROOT, ", p=%.3g", g.p()));
        } else if (g.value() == 0) {
            sb.append(", l* is this cell");
        }
        return sb.append('\n').toString();
    }

    /** The answer as JSON-ready values, for {@code recommendation.json}. */
    Map<String, Object> toMap() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Choice c : choices) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", c.source().toString());
            m.put("targetSize", c.targetSize());
            m.put("validationSize", c.validationSize());
            m.put("layers", c.layers());
            m.put("resamples", c.resamples());
            m.put("depthStar", c.depthStar());
            m.put("init", c.init());
            m.put("advice", c.advice());
            m.put("testError", c.testError());
            m.put("stderrTestError", c.stderr());
            m.put("testErrorLow", c.low());
            m.put("testErrorHigh", c.high());
            m.put("probabilityBest", c.probabilityBest());
            m.put("overStandard", c.overStandard());
            m.put("overScratch", c.overScratch());
            list.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("resampling", "repetitions are stratified resamplings of the labelled examples, not fresh draws");
        out.put("intervalLevel", level);
        out.put("choices", list);
        out.put("ranking", ranking().stream().map(c -> c.source().toString()).toList());
        return out;
    }
}
