package org.defrost.report.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.defrost.report.ResultArtifact;

/**
 * A matrix cell of a run (one task pair of the study, e.g. one feature-perturbation level).
 *
 * @param values the matrix values, e.g. {@code {etaF=0.5}}; empty when the pipeline has no matrix
 */
public record MatrixCell(Map<String, Object> values) {
    /** Orders cells by their values, key by key: numbers numerically, anything else as text. */
    public static final Comparator<MatrixCell> ORDER = MatrixCell::compareValues;

    /** The artifacts of a stage's matrix cells sorted by their cells' {@link #ORDER}. */
    public static List<ResultArtifact> inOrder(List<ResultArtifact> artifacts) {
        List<ResultArtifact> sorted = new ArrayList<>(artifacts);
        sorted.sort(Comparator.comparing(a -> new MatrixCell(a.matrixCell()), ORDER));
        return sorted;
    }

    public MatrixCell {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** How the cell is named in text and legends, e.g. {@code etaF = 0.5}; empty without a matrix. */
    public String label() {
        StringJoiner j = new StringJoiner(", ");
        values.forEach((k, v) -> j.add(k + " = " + v));
        return j.toString();
    }

    /** The label, or {@code all tasks} for a pipeline without a matrix (for chart legends and headings). */
    public String displayName() {
        return values.isEmpty() ? "all tasks" : label();
    }

    /** A fragment usable in HTML ids and file names, e.g. {@code etaF-0.5}. */
    public String slug() {
        return values.isEmpty() ? "all" : label().replaceAll("[^A-Za-z0-9.]+", "-");
    }

    private static int compareValues(MatrixCell a, MatrixCell b) {
        Iterator<Map.Entry<String, Object>> ia = a.values.entrySet().iterator();
        Iterator<Map.Entry<String, Object>> ib = b.values.entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            Map.Entry<String, Object> ea = ia.next();
            Map.Entry<String, Object> eb = ib.next();
            int c = ea.getKey().compareTo(eb.getKey());
            if (c == 0) {
                c = ea.getValue() instanceof Number na && eb.getValue() instanceof Number nb
                        ? Double.compare(na.doubleValue(), nb.doubleValue())
                        : String.valueOf(ea.getValue()).compareTo(String.valueOf(eb.getValue()));
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }
}
