package org.defrost.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.defrost.report.chart.Figure;
import org.defrost.report.chart.SimilarityCharts;
import org.defrost.report.model.MatrixCell;
import org.defrost.report.model.SimilarityResults;
import org.defrost.report.model.SimilarityResults.CellSimilarity;
import org.defrost.report.model.SimilarityResults.MatrixEntry;

/** The sections drawn from the similarity results; only written when a similarity stage ran. */
public final class SimilaritySections {
    private SimilaritySections() {
    }

    /**
     * The per-layer profiles of every measure with ℓ* marked.
     *
     * @param depthStars per matrix cell, the recommended ℓ* of each target size
     */
    public static Optional<Section> profiles(SimilarityResults s, Map<MatrixCell, List<Integer>> depthStars,
                                             SectionBuilder.FigureCounter counter) {
        SectionBuilder b = new SectionBuilder("similarity-profiles", "Similarity of source and target networks per layer",
                counter);
        boolean any = false;
        for (String probe : s.probes()) {
            List<Figure> figures = s.measures().stream()
                    .map(m -> SimilarityCharts.profile(s, probe, m, depthStars)).flatMap(Optional::stream).toList();
            if (figures.isEmpty()) {
                continue;
            }
            any = true;
            if (s.probes().size() > 1) {
                b.subheading("Probe inputs: " + probe);
            }
            b.figures(figures, "Each measure compares layer i of the source network S with layer i of the network T* "
                    + "trained on abundant target data (layer 0 is the input), one line per task pair, mean ± standard error "
                    + "over seeds. Rings mark the layers that are ℓ* for that task pair's target sizes (recommended "
                    + "protocol). Expected: similarity stays high in the first layers and drops past a depth that tracks "
                    + "ℓ*. For CKA, neighbourhood overlap and CCA, higher means more similar; for information imbalance and "
                    + "Procrustes distance, lower does; intrinsic dimensions describe each network on its own.");
        }
        return any ? Optional.of(b.build()) : Optional.empty();
    }

    /** The layer × layer heat maps, one collapsible group per measure with one map per cell. */
    public static Optional<Section> layerMatrices(SimilarityResults s, SectionBuilder.FigureCounter counter) {
        SectionBuilder b = new SectionBuilder("layer-matrices", "Layer × layer similarity", counter);
        b.paragraph("Every layer of S against every layer of T*, mean over seeds; darker means a higher value, on one "
                + "scale per measure shared by the task pairs. For a measure where higher means more similar (CKA), a "
                + "dark diagonal that fades with depth means the networks compute alike layer by layer up to some depth, "
                + "and dark cells off the diagonal mean a representation appears at different depths; for information "
                + "imbalance and distances, read light for similar.");
        boolean any = false;
        for (String probe : s.probes()) {
            for (String measure : s.measures()) {
                List<MatrixEntry> all = new ArrayList<>();
                s.cells().forEach(c -> all.addAll(c.matrix(probe, measure)));
                double min = all.stream().mapToDouble(MatrixEntry::value).filter(Double::isFinite).min().orElse(0);
                double max = all.stream().mapToDouble(MatrixEntry::value).filter(Double::isFinite).max().orElse(1);
                List<Figure> figures = new ArrayList<>();
                for (CellSimilarity c : s.cells()) {
                    SimilarityCharts.layerMatrix(c, probe, measure, min, max).ifPresent(figures::add);
                }
                if (figures.isEmpty()) {
                    continue;
                }
                b.details(measure + (s.probes().size() > 1 ? " (" + probe + " probe)" : ""), !any);
                any = true;
                b.figures(figures, measure + " between every layer of S (across) and of T* (up), per task pair.");
                b.endDetails();
            }
        }
        return any ? Optional.of(b.build()) : Optional.empty();
    }
}
