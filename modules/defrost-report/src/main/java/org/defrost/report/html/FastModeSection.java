package org.defrost.report.html;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.defrost.report.ResultArtifact;
import org.defrost.report.table.Table;

/**
 * The fast mode's section, when a {@code depth-prediction} stage ran: per source and target size, the predicted
 * ℓ* and initialisation, its validation error, its cost against the full sweep's and, when the sweep ran, its ℓ*
 * and whether they agree within one layer; then the source to use when several sources were ranked.
 */
public final class FastModeSection {
    /** Columns of {@code predictions.csv} shown, and their headings. */
    private static final List<String> COLUMNS = List.of("source", "seed", "targetSize", "predictedDepth", "predictedInit",
            "predictedValidationError", "costRatio", "fullSweepCost", "fullSweepDepth", "agreeWithin1");
    private static final List<String> HEADINGS = List.of("source", "seed", "n", "predicted l*", "init",
            "validation error", "cost / full sweep", "full sweep cost", "full sweep l*", "agree ±1");

    private FastModeSection() {
    }

    /** The section, or empty when no {@code depth-prediction} artifact is given. */
    public static Optional<Section> of(List<ResultArtifact> predictions, SectionBuilder.FigureCounter counter)
            throws IOException {
        if (predictions.isEmpty()) {
            return Optional.empty();
        }
        SectionBuilder b = new SectionBuilder("fast-mode", "Fast prediction of the optimal depth", counter);
        b.paragraph("Predicted from linear probes, the similarity of each layer to the target labels and short fine-tunes "
                + "of every starting network under successive halving, chosen on validation error; the cost counts "
                + "training sample-epochs against the full sweep's (measured from its cells of the same seed, or "
                + "estimated from maxEpochs). See docs/fast-mode.md.");
        List<List<String>> rows = new ArrayList<>();
        boolean[] numeric = new boolean[COLUMNS.size()];
        for (int c = 0; c < COLUMNS.size(); c++) {
            numeric[c] = c >= 1 && c != 4 && c != 7 && c != 9;
        }
        for (ResultArtifact a : predictions) {
            for (Map<String, String> row : Table.read(a.file("predictions.csv")).rows()) {
                List<String> cells = new ArrayList<>();
                for (String column : COLUMNS) {
                    String v = row.getOrDefault(column, "");
                    cells.add(numeric[COLUMNS.indexOf(column)] && v.contains(".") ? round(v) : v);
                }
                rows.add(cells);
            }
            Object recommended = a.metadata().get("recommendedSource");
            if (recommended instanceof Map<?, ?> bySize && !bySize.isEmpty()) {
                StringBuilder sb = new StringBuilder("Source to use, by predicted best validation error:");
                bySize.forEach((n, source) -> sb.append(" n=").append(n).append(": ").append(source).append(';'));
                b.paragraph(sb.substring(0, sb.length() - 1) + " (ranking.csv of the depth-prediction artifact).");
            }
        }
        b.table("fast-mode-predictions", HEADINGS, rows, numeric);
        return Optional.of(b.build());
    }

    private static String round(String v) {
        try {
            return String.format(java.util.Locale.ROOT, "%.4f", Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
