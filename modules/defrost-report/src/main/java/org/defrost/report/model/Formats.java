package org.defrost.report.model;

import java.util.Locale;

/** How numbers are shown in the report's text and tables (the CSV and JSON files keep full precision). */
public final class Formats {
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

    /** A duration in seconds: 1 decimal. */
    public static String seconds(double s) {
        return Double.isNaN(s) ? "–" : String.format(Locale.ROOT, "%.1f", s);
    }
}
