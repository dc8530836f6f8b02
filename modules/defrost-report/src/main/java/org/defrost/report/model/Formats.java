package org.defrost.report.model;

import java.util.Locale;

/**
 * How numbers are shown in the report's text and tables (the CSV and JSON files keep full precision). Every
 * mean is shown with its spread, or with the reason there is none: with one seed there is no standard error,
 * interval or p-value, and the text says "n/a (1 seed)" instead of a misleading "± 0.0000".
 */
public final class Formats {
    /** What stands in for a spread, interval or p-value that one seed cannot give. */
    public static final String ONE_SEED = "n/a (1 seed)";

    private Formats() {
    }

    /** A test error or similarity value: 4 decimals (test sets of thousands of points resolve about 1e-4). */
    public static String value(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** A p-value: 2 significant digits. */
    public static String pValue(double p) {
        return Double.isNaN(p) ? "–" : String.format(Locale.ROOT, "%.2g", p);
    }

    /** A p-value of a paired test over {@code seeds} seeds: {@link #ONE_SEED} with one seed. */
    public static String pValue(double p, int seeds) {
        return seeds == 1 ? ONE_SEED : pValue(p);
    }

    /** A standard error over {@code seeds} seeds: {@link #ONE_SEED} with one seed. */
    public static String spread(double stderr, int seeds) {
        return seeds == 1 ? ONE_SEED : value(stderr);
    }

    /** A mean with its standard error, e.g. {@code 0.2100 ± 0.0100}, or {@code 0.2100, s.e. n/a (1 seed)}. */
    public static String meanSpread(double mean, double stderr, int seeds) {
        if (seeds == 1) {
            return value(mean) + ", s.e. " + ONE_SEED;
        }
        return Double.isNaN(stderr) ? value(mean) : value(mean) + " ± " + value(stderr);
    }

    /** An interval, e.g. {@code [0.0500, 0.1100]}; {@link #ONE_SEED} with one seed, "–" when not computed. */
    public static String interval(double low, double high, int seeds) {
        if (seeds == 1) {
            return ONE_SEED;
        }
        return Double.isNaN(low) || Double.isNaN(high) ? "–" : "[" + value(low) + ", " + value(high) + "]";
    }

    /** A share as a whole percentage, e.g. {@code 83%}. */
    public static String percent(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    /** A duration in seconds: 1 decimal. */
    public static String seconds(double s) {
        return Double.isNaN(s) ? "–" : String.format(Locale.ROOT, "%.1f", s);
    }
}
