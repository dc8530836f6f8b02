package org.defrost.study;

import java.util.Locale;
import java.util.Map;

/**
 * The terminal lines of a sweep: per target size, ℓ* chosen on validation error, its test error and the
 * comparison with scratch and with freezing every feature layer. Every mean shows its standard error, and
 * with one seed the line says that spread, intervals and p-values are n/a instead of printing any.
 */
final class TransferSummaryText {
    private TransferSummaryText() {
    }

    static String of(TransferStatistics s, Map<String, Object> cell, int seeds, int layers, double alpha,
                     boolean fromBudget) {
        StringBuilder sb = new StringBuilder("Optimal transfer depth");
        if (!cell.isEmpty()) {
            sb.append(' ').append(cell);
        }
        sb.append(String.format(Locale.ROOT, " (L = %d, %d seed%s; l* and its initialisation chosen on validation error",
                layers, seeds, seeds == 1 ? "" : "s"));
        if (seeds > 1) {
            sb.append(String.format(Locale.ROOT, "; test error mean ± s.e.; gains with %d%% seed-bootstrap intervals; "
                    + "p: one-sided paired t-test on test errors, * p < %s):%n", Math.round(100 * (1 - alpha)), alpha));
        } else {
            sb.append("; test errors of one seed: s.e., intervals and p-values n/a (1 seed)):")
                    .append(System.lineSeparator());
        }
        for (TransferStatistics.Optimum o : s.optima) {
            String size = fromBudget
                    ? String.format(Locale.ROOT, "n=%d (budget: %d trained, %d validation)", o.targetSize(), o.trainSize(),
                    o.validationSize())
                    : String.format(Locale.ROOT, "n=%d (+%d validation)", o.targetSize(), o.validationSize());
            sb.append(String.format(Locale.ROOT, "  %-24s l*=%d %-10s %s", size, o.chosen().depth(), o.chosen().init(),
                    mean(o.chosen().test(), seeds)));
            if (seeds > 1) {
                sb.append(String.format(Locale.ROOT, " (chosen in %.0f%% of resamples)", 100 * o.chosen().probabilityBest()));
            }
            sb.append("   scratch ").append(comparison(s, o.scratch(), o.gainOverScratch(), o.pValueVsScratch(), seeds));
            sb.append(String.format(Locale.ROOT, "   all frozen (l=%d) ", layers))
                    .append(comparison(s, o.standard(), o.gainOverStandard(), o.pValueVsStandard(), seeds));
            sb.append(System.lineSeparator());
        }
        return sb.toString().stripTrailing();
    }

    private static String comparison(TransferStatistics s, TransferStatistics.Candidate baseline,
                                     TransferStatistics.Interval gain, double p, int seeds) {
        if (baseline == null) {
            return "not trained";
        }
        StringBuilder sb = new StringBuilder(mean(baseline.test(), seeds));
        sb.append(String.format(Locale.ROOT, ": gain %.4f", gain.value()));
        if (seeds > 1) {
            sb.append(String.format(Locale.ROOT, " [%.4f, %.4f]", gain.low(), gain.high()));
            sb.append(Double.isNaN(p) ? " (l* is this cell)" : " p=" + fmt(p) + (s.significant(p) ? "*" : ""));
        }
        return sb.toString();
    }

    private static String mean(double[] values, int seeds) {
        double m = TransferStatistics.mean(values);
        return seeds > 1 ? String.format(Locale.ROOT, "%.4f ± %.4f", m, TransferStatistics.stderr(values))
                : String.format(Locale.ROOT, "%.4f", m);
    }

    private static String fmt(double p) {
        return String.format(Locale.ROOT, "%.3g", p);
    }
}
