package org.defrost.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.defrost.report.chart.Figure;
import org.defrost.report.chart.SimilarityCharts;
import org.defrost.report.model.DepthNames;
import org.defrost.report.model.MatrixCell;
import org.defrost.report.model.SimilarityLink;
import org.defrost.report.model.SimilarityResults;
import org.defrost.report.model.TransitionDepth;
import org.defrost.report.model.SimilarityResults.CellSimilarity;
import org.defrost.report.model.SimilarityResults.MatrixEntry;

/** The sections drawn from the similarity results; only written when a similarity stage ran. */
public final class SimilaritySections {
    private SimilaritySections() {
    }

    /**
     * The per-layer (per-block) profiles of every measure with ℓ* marked.
     *
     * @param depthStars per matrix cell, the recommended ℓ* of each target size
     * @param names      how depths are named: blocks of a block network, "layer i" otherwise
     */
    public static Optional<Section> profiles(SimilarityResults s, Map<MatrixCell, List<Integer>> depthStars,
                                             DepthNames names, SectionBuilder.FigureCounter counter) {
        SectionBuilder b = new SectionBuilder("similarity-profiles", "Similarity of source and target networks per "
                + names.unit(), counter);
        boolean any = false;
        for (String probe : s.probes()) {
            List<Figure> figures = s.measures().stream()
                    .map(m -> SimilarityCharts.profile(s, probe, m, depthStars, names)).flatMap(Optional::stream).toList();
            if (figures.isEmpty()) {
                continue;
            }
            any = true;
            if (s.probes().size() > 1) {
                b.subheading("Probe inputs: " + probe);
            }
            b.figures(figures, "Each measure compares " + (names.blocks()
                    ? "the output of each block of the source network S (" + blockList(names) + ") with the output of "
                    + "the same block of the network T* "
                    : "layer i of the source network S with layer i of the network T* ")
                    + "trained on abundant target data (the whole target pool when it was trained on it, else the largest "
                    + "training set; " + (names.blocks() ? "0 is the input" : "layer 0 is the input") + "), one line per "
                    + "task pair, mean ± standard error over seeds. Rings mark the " + names.units() + " that are the "
                    + "chosen ℓ* for that task pair's target sizes. Expected: similarity stays high in the first "
                    + names.units() + " and drops past a depth that tracks "
                    + "ℓ*. For CKA, neighbourhood overlap and CCA, higher means more similar; for information imbalance and "
                    + "Procrustes distance, lower does; intrinsic dimensions describe each network on its own.");
        }
        return any ? Optional.of(b.build()) : Optional.empty();
    }

    /**
     * Whether the profiles predict ℓ*: the correlation table (every probe, measure and definition of the transition
     * depth) and a scatter per measure for the half-level definition.
     *
     * @param sizes the target sizes of the run, ascending, for the points' colours
     * @param names how depths are named: blocks of a block network, "layer i" otherwise
     */
    public static Optional<Section> link(List<SimilarityLink.Correlation> correlations, List<Integer> sizes, int layers,
                                         DepthNames names, SectionBuilder.FigureCounter counter) {
        if (correlations.isEmpty()) {
            return Optional.empty();
        }
        SectionBuilder b = new SectionBuilder("similarity-vs-depth", "Does similarity predict ℓ*?", counter);
        String unit = names.unit();
        String hidden = names.blocks() ? "blocks" : "hidden layers";
        b.paragraph("For each measure, the transition depth of the S-vs-T* profile is the " + unit + " past which the two "
                + "networks stop computing alike. Profiles are first turned so that higher means more similar (information "
                + "imbalance and distances are negated). Fed the same probe inputs, the inputs of S and T* are "
                + "identical, so the first step of every profile is large and is left out. Largest drop: the " + unit
                + " just before the largest fall between consecutive " + hidden + " (the last " + unit + " when none "
                + "falls). Half level: the last " + unit + " before the profile falls below half-way between its input "
                + "and the lowest value the measure takes in this run. Both are capped at L"
                + (names.blocks() ? " and given as a number of blocks (" + blockList(names) + ")" : "") + ". Each (task pair, target size) gives one "
                + "point (transition depth, ℓ*); across all of them, Spearman's rank correlation ρ, with a "
                + Math.round(100 * SimilarityLink.CONFIDENCE) + "% bootstrap interval that resamples task pairs. A measure "
                + "tracks ℓ* when the interval lies above 0; ρ is undefined when the transition depth is the same for "
                + "every point. When T* was trained on the whole target pool, every size of a task pair shares one "
                + "transition depth while ℓ* moves with n, which caps the correlation.");
        List<String> header = List.of("probe", "measure", "transition depth", "points", "task pairs", "ρ", "interval",
                "verdict");
        List<List<String>> rows = new ArrayList<>();
        for (SimilarityLink.Correlation c : correlations) {
            rows.add(List.of(c.probe(), c.measure(), c.definition().id(), String.valueOf(c.points().size()),
                    String.valueOf(c.taskPairs()), Double.isNaN(c.rho()) ? "–" : String.format(java.util.Locale.ROOT, "%.2f", c.rho()),
                    Double.isNaN(c.low()) ? "–" : String.format(java.util.Locale.ROOT, "[%.2f, %.2f]", c.low(), c.high()),
                    c.verdict()));
        }
        b.details("Table: similarity-vs-depth (tables/similarity-vs-depth.csv)", true);
        b.table("similarity-vs-depth", header, rows, new boolean[]{false, false, false, true, true, true, true, false});
        b.endDetails();
        List<Figure> figures = correlations.stream()
                .filter(c -> c.definition() == TransitionDepth.Definition.HALF_LEVEL)
                .map(c -> SimilarityCharts.transitionScatter(c, sizes, layers, names)).toList();
        b.figures(figures, "Transition depth (half level) of each measure's profile against the chosen ℓ*, one point "
                + "per task pair and target size, coloured by target size; coinciding points are spread slightly. Points "
                + "on the dashed diagonal are where the similarity falls exactly past ℓ*. The title gives ρ and its "
                + "bootstrap interval.");
        return Optional.of(b.build());
    }

    /**
     * The layer × layer heat maps, one collapsible group per measure with one figure of small multiples, a map per
     * drawn cell.
     *
     * @param names how the axes name depths: blocks of a block network, indices otherwise
     * @param drawn the task pairs to draw (see {@link org.defrost.report.model.RepresentativeCells}); the section
     *              names the others, whose values are in {@code tables/layer-matrices.csv}
     */
    public static Optional<Section> layerMatrices(SimilarityResults s, DepthNames names, List<MatrixCell> drawn,
                                                  SectionBuilder.FigureCounter counter) {
        String unit = names.unit();
        SectionBuilder b = new SectionBuilder("layer-matrices", names.blocks() ? "Block × block similarity"
                : "Layer × layer similarity", counter);
        b.paragraph("Every " + unit + " of S against every " + unit + " of T*, mean over seeds; darker means a higher "
                + "value, on one scale per measure shared by the task pairs. For a measure where higher means more "
                + "similar (CKA), a dark diagonal that fades with depth means the networks compute alike " + unit + " by "
                + unit + " up to some depth, and dark cells off the diagonal mean a representation appears at different "
                + "depths; for information imbalance and distances, read light for similar.");
        List<CellSimilarity> cells = s.cells().stream().filter(c -> drawn.contains(c.cell())).toList();
        ResultSections.leftOut(b, s.cells().stream().map(CellSimilarity::cell).toList(), drawn, "layer-matrices");
        boolean any = false;
        for (String probe : s.probes()) {
            for (String measure : s.measures()) {
                List<MatrixEntry> all = new ArrayList<>();
                s.cells().forEach(c -> all.addAll(c.matrix(probe, measure)));
                double min = all.stream().mapToDouble(MatrixEntry::value).filter(Double::isFinite).min().orElse(0);
                double max = all.stream().mapToDouble(MatrixEntry::value).filter(Double::isFinite).max().orElse(1);
                Optional<Figure> figure = SimilarityCharts.layerMatrices(cells, probe, measure, min, max, names);
                if (figure.isEmpty()) {
                    continue;
                }
                b.details(measure + (s.probes().size() > 1 ? " (" + probe + " probe)" : ""), !any);
                any = true;
                b.figures(List.of(figure.get()), measure + " between every " + unit + " of S (across) and of T* (up), "
                        + "one panel per task pair, on one colour scale.");
                b.endDetails();
            }
        }
        return any ? Optional.of(b.build()) : Optional.empty();
    }

    /** "input, conv block 1, conv block 2, dense block 3": what the depth indices 0..L name. */
    private static String blockList(DepthNames names) {
        return java.util.stream.IntStream.rangeClosed(0, names.blockNames().size())
                .mapToObj(i -> i + " = " + names.name(i)).collect(java.util.stream.Collectors.joining(", "));
    }
}
