package org.defrost.report.html;

import static org.defrost.report.html.SectionBuilder.escape;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.defrost.report.chart.ChartStyle;
import org.defrost.report.chart.CurveCharts;
import org.defrost.report.chart.Figure;
import org.defrost.report.chart.TransferCharts;
import org.defrost.report.chart.PhaseCharts;
import org.defrost.report.model.Formats;
import org.defrost.report.model.MatrixCell;
import org.defrost.report.model.Optimum;
import org.defrost.report.model.PhaseDiagram;
import org.defrost.report.model.Protocol;
import org.defrost.report.model.Recommendation;
import org.defrost.report.model.TransferCell;
import org.defrost.report.model.TransferResults;

/** The sections drawn from the transfer results: the answer, error against depth, ℓ*, protocols, curves. */
public final class ResultSections {
    private ResultSections() {
    }

    /** The answer in words per cell and target size, and the table it is read from. */
    public static Section answer(TransferResults r, List<Recommendation> recommendations,
                                 SectionBuilder.FigureCounter counter) {
        SectionBuilder b = new SectionBuilder("answer", "How many " + r.depthNames().units() + " to freeze", counter);
        int seeds = r.maxSeeds();
        String over = seeds + " seed" + (seeds == 1 ? "" : "s");
        if (r.chosenOnValidation()) {
            b.paragraph("For each task pair (matrix cell) and number of target training examples n: the transfer depth ℓ* "
                    + "(" + r.depthNames().units() + " 1..ℓ* copied from the source network and frozen) and the way of starting the "
                    + r.depthNames().units() + " above "
                    + "it, chosen on the mean validation error over " + over + " (the validation rows are held out from "
                    + "training and never touch the test set); then the test error of that choice, which is therefore an "
                    + "honest estimate. Gains over training from scratch and over freezing every feature " + r.depthNames().unit()
                    + " come with "
                    + "a seed-bootstrap interval and a paired test over seeds on test errors. Errors are fractions of the "
                    + "target test set misclassified, mean ± standard error over seeds"
                    + (seeds == 1 ? "; with one seed there is no standard error, interval or test (n/a (1 seed))." : "."));
        } else {
            b.paragraph("For each task pair (matrix cell) and number of target examples: the transfer depth ℓ* ("
                    + r.depthNames().units() + " "
                    + "1..ℓ* copied from the source network and frozen) with the lowest mean test error over " + over
                    + ", for the better of the two ways of starting the " + r.depthNames().units() + " above it. These results were written "
                    + "before ℓ* was chosen on validation error: the choice looked at the test set, so its error and "
                    + "gains are optimistic. Errors are fractions of the target test set misclassified"
                    + (seeds == 1 ? "; with one seed there is no standard error or test (n/a (1 seed))."
                    : ", mean ± standard error over seeds."));
        }
        b.paragraphHtml("<span class=\"key\">Colours throughout:" + swatch(ChartStyle.RANDOM) + "random (" + r.depthNames().units() + " above "
                + "ℓ re-initialised)" + swatch(ChartStyle.PRETRAINED) + "pretrained (" + r.depthNames().units() + " above ℓ fine-tuned from the "
                + "source network)</span>");
        if (!r.blockNames().isEmpty()) {
            b.paragraph("The source network is made of blocks, and ℓ counts blocks: "
                    + java.util.stream.IntStream.rangeClosed(1, r.blockNames().size())
                    .mapToObj(d -> "ℓ = " + d + " freezes " + r.frozenBlocks(d)).collect(java.util.stream.Collectors.joining("; "))
                    + ".");
        }
        for (TransferCell c : r.cells()) {
            if (r.cells().size() > 1 || !c.cell().values().isEmpty()) {
                b.subheading(c.cell().displayName());
            }
            StringBuilder list = new StringBuilder("<ul class=\"answers\">\n");
            for (Recommendation rec : recommendations) {
                if (rec.cell().equals(c.cell())) {
                    String text = rec.sentence();
                    String frozen = r.frozenBlocks(rec.depthStar());
                    if (!frozen.isEmpty()) {
                        text += " Frozen: " + frozen + ".";
                    }
                    int colon = text.indexOf(": ");
                    list.append("<li class=\"answer\" data-target-size=\"").append(rec.targetSize()).append("\">")
                            .append("<span class=\"lead\">").append(escape(text.substring(0, colon + 1)))
                            .append("</span>").append(escape(text.substring(colon + 1))).append("</li>\n");
                }
            }
            b.raw(list.append("</ul>\n").toString());
        }
        boolean matrix = r.cells().stream().anyMatch(c -> !c.cell().values().isEmpty());
        List<String> header = new ArrayList<>(List.of("task pair", "n", "trained on", "validation", "recommendation",
                "init", "ℓ*", "L", "test error", "± s.e.", "scratch", "classic (ℓ = L)", "full fine-tuning",
                "gain vs scratch", "interval", "p vs scratch", "gain vs classic", "interval", "p vs classic",
                "P(best)", "p vs neighbours"));
        List<List<String>> rows = new ArrayList<>();
        for (Recommendation rec : recommendations) {
            Optimum o = rec.optimum();
            int n = rec.seeds();
            rows.add(List.of(rec.cell().displayName(), String.valueOf(rec.targetSize()), String.valueOf(o.trainSize()),
                    o.validationSize() < 0 ? "–" : o.validationSize() + (o.validationFromBudget() ? " (from n)" : ""),
                    rec.kind().name().toLowerCase().replace('_', ' '), rec.init(), String.valueOf(rec.depthStar()),
                    String.valueOf(rec.layers()), Formats.value(o.mean()), Formats.spread(o.stderr(), n),
                    Formats.value(o.scratch()), Formats.value(o.standard()), Formats.value(rec.fullFineTuning()),
                    Formats.value(o.gainOverScratch().value()),
                    Formats.interval(o.gainOverScratch().low(), o.gainOverScratch().high(), n),
                    Formats.pValue(o.vsScratch().pValue(), n), Formats.value(o.gainOverStandard().value()),
                    Formats.interval(o.gainOverStandard().low(), o.gainOverStandard().high(), n),
                    Formats.pValue(o.vsStandard().pValue(), n),
                    n == 1 ? Formats.ONE_SEED : Formats.percent(o.probabilityBest()),
                    Formats.pValue(o.vsNeighbours().pValue(), n)));
        }
        boolean[] numeric = new boolean[header.size()];
        java.util.Arrays.fill(numeric, true);
        for (int c : new int[]{0, 4, 5}) {
            numeric[c] = false;
        }
        b.details("Table: recommendations (tables/recommendations.csv)", true);
        b.table("recommendations", dropFirstIf(!matrix, header), rows.stream().map(x -> dropFirstIf(!matrix, x)).toList(),
                matrix ? numeric : java.util.Arrays.copyOfRange(numeric, 1, numeric.length));
        return b.endDetails().build();
    }

    /**
     * Test error against ℓ, one small chart per target size, grouped by cell.
     *
     * @param drawn the task pairs to draw (see {@link org.defrost.report.model.RepresentativeCells}); the section
     *              names the others, whose values are in {@code tables/test-error-by-depth.csv}
     */
    public static Section errorVsDepth(TransferResults r, List<MatrixCell> drawn, SectionBuilder.FigureCounter counter) {
        SectionBuilder b = new SectionBuilder("error-vs-depth", "Test error against transfer depth", counter);
        leftOut(b, r.cells().stream().map(TransferCell::cell).toList(), drawn, "test-error-by-depth");
        for (TransferCell c : drawn(r, drawn)) {
            if (r.cells().size() > 1) {
                b.subheading(c.cell().displayName());
            }
            List<Figure> figures = c.targetSizes().stream().map(n -> TransferCharts.errorVsDepth(c, n, r.inits(), r.depthNames()))
                    .toList();
            b.figures(figures, "Mean target test error against the transfer depth ℓ (" + r.depthNames().units()
                    + " 1..ℓ copied from the source "
                    + "network and frozen; ℓ = 0 without pretrained " + r.depthNames().units() + " is training from scratch, ℓ = " + c.layers()
                    + " is the classic recipe), ± standard error over seeds (no bars with one seed), one chart per number "
                    + "of target examples n; dashed, the mean validation error that ℓ* is chosen on. Rings mark each "
                    + "initialisation's depth of lowest validation error. Look for a minimum inside the range (neither 0 "
                    + "nor L) and for how the optimum moves towards ℓ = 0 as n grows.");
        }
        return b.build();
    }

    /**
     * ℓ* against target size per cell, then the phase diagrams: per knob (a numeric matrix key with several levels)
     * a heat map of ℓ* over (n, level) and its companion map of the gain over scratch; without a knob, the same two
     * maps over (n, task pair).
     */
    public static Section depthStar(TransferResults r, SectionBuilder.FigureCounter counter) {
        SectionBuilder b = new SectionBuilder("optimal-depth", "Optimal depth ℓ* and phase diagrams", counter);
        b.figures(List.of(TransferCharts.depthStarVsTargetSize(r)),
                "The chosen ℓ* against the number of target training examples (log scale), one line per task pair. "
                        + "Expected: ℓ* falls as n grows (with enough target data, training from scratch or full "
                        + "fine-tuning wins) and as the source and target tasks become less related. Overlapping lines "
                        + "hide each other; the maps below give every value.");
        List<PhaseCharts.Rows> maps = new ArrayList<>();
        List<PhaseDiagram> diagrams = PhaseDiagram.of(r.cells());
        for (PhaseDiagram d : diagrams) {
            String fixed = d.fixedLabel();
            maps.add(new PhaseCharts.Rows(d.rows(), d.rows().stream().map(c -> level(d.level(c))).toList(), d.knob(),
                    "ℓ* over n and " + d.knob() + (fixed.isEmpty() ? "" : " (" + fixed + ")"),
                    (d.knob() + (fixed.isEmpty() ? "" : "-" + fixed)).replaceAll("[^A-Za-z0-9.]+", "-")));
        }
        if (maps.isEmpty()) {
            maps.add(new PhaseCharts.Rows(r.cells(), r.cells().stream().map(c -> c.cell().displayName()).toList(),
                    "task pair", "ℓ* over n and task pair", "task-pairs"));
        }
        double scale = r.cells().stream().flatMap(c -> c.optima().stream())
                .mapToDouble(o -> Math.abs(o.gainOverScratch().value())).filter(Double::isFinite).max().orElse(1);
        int shown = Math.min(maps.size(), MAX_PHASE_DIAGRAMS);
        if (maps.size() > shown) {
            b.paragraph("The matrix gives " + maps.size() + " phase diagrams (one per knob and combination of the other "
                    + "matrix keys); the first " + shown + " are drawn, and tables/optimal-depths.csv holds every value.");
        }
        boolean tested = r.maxSeeds() > 1 && r.chosenOnValidation();
        for (PhaseCharts.Rows rows : maps.subList(0, shown)) {
            List<Integer> sizes = rows.cells().stream().flatMap(c -> c.targetSizes().stream()).distinct().sorted().toList();
            b.figures(List.of(PhaseCharts.depthStar(rows, sizes, r.maxLayers()), PhaseCharts.gain(rows, sizes, scale)),
                    (diagrams.isEmpty() ? "ℓ* over target size (columns) and task pair (rows)"
                            : "Phase diagram: ℓ* over target size (columns) and the level of " + rows.yTitle() + " (rows)")
                            + "; each tile gives ℓ* and the chosen initialisation (r: " + r.depthNames().units() + " above re-initialised, "
                            + "p: fine-tuned from the source network), darker means more " + r.depthNames().units()
                            + " frozen. "
                            + (tested ? "Hatched tiles: ℓ* is not significantly better than the depths next to it "
                            + "(paired test over seeds), so the boundary there is uncertain. "
                            : "No tile is tested against its neighbouring depths (" + (r.maxSeeds() == 1
                            ? Formats.ONE_SEED : "results without the test") + "). ")
                            + "Beside it, the gain of that choice over training from scratch on one colour scale for the "
                            + "whole report: blue where transfer helps, red where it hurts"
                            + (tested ? ", hatched where the paired test against scratch finds no significant difference."
                            : "."));
        }
        return b.build();
    }

    /** Phase diagrams drawn at most; a full product of several knobs gives one per combination of the others. */
    static final int MAX_PHASE_DIAGRAMS = 12;

    private static String level(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /**
     * The protocol comparison: a grouped bar chart per drawn cell and a table of every cell.
     *
     * @param drawn the task pairs to draw a chart for; the table holds every task pair
     */
    public static Section protocols(TransferResults r, List<MatrixCell> drawn, SectionBuilder.FigureCounter counter) {
        SectionBuilder b = new SectionBuilder("protocols", "Protocol comparison", counter);
        leftOut(b, r.cells().stream().map(TransferCell::cell).toList(), drawn, "protocols");
        b.figures(drawn(r, drawn).stream().map(TransferCharts::protocols).toList(),
                "Test error of the transfer protocols per number of target examples: from scratch, the classic recipe "
                        + "(all feature " + r.depthNames().units() + " frozen), the best depth with the " + r.depthNames().units()
                        + " above re-initialised, the best depth "
                        + "with them fine-tuned, and full fine-tuning; mean ± standard error over seeds (no bars with one "
                        + "seed). The gap between classic and best ℓ is what defrosting gains; the gap to scratch is what "
                        + "transfer gains. Each best ℓ is that initialisation's depth of lowest validation error, so its "
                        + "test error is not a minimum over depths.");
        List<String> header = new ArrayList<>(List.of("task pair", "n"));
        for (Protocol p : Protocol.values()) {
            header.add(p.shortLabel());
        }
        List<List<String>> rows = new ArrayList<>();
        for (TransferCell c : r.cells()) {
            for (int n : c.targetSizes()) {
                List<String> row = new ArrayList<>(List.of(c.cell().displayName(), String.valueOf(n)));
                List<Protocol.Result> results = Protocol.compare(c, n);
                for (Protocol p : Protocol.values()) {
                    Optional<Protocol.Result> res = results.stream().filter(x -> x.protocol() == p).findFirst();
                    row.add(res.map(x -> Formats.meanSpread(x.mean(), x.stderr(), x.seeds())
                            + (p == Protocol.BEST_RANDOM || p == Protocol.BEST_PRETRAINED ? " (ℓ = " + x.depth() + ")" : ""))
                            .orElse("–"));
                }
                rows.add(row);
            }
        }
        boolean[] numeric = new boolean[header.size()];
        java.util.Arrays.fill(numeric, 1, numeric.length, true);
        b.details("Table: protocols (tables/protocols.csv)", true);
        return b.table("protocols", header, rows, numeric).endDetails().build();
    }

    /**
     * Training curves of the representative cells, or empty when none were recorded. When not every task pair is
     * drawn (a large matrix), only the smallest and the largest target size of each drawn one are.
     *
     * @param drawn the task pairs to draw; the section names the others, whose curves are in
     *              {@code tables/training-curves.csv}
     */
    public static Optional<Section> curves(TransferResults r, List<MatrixCell> drawn, SectionBuilder.FigureCounter counter) {
        SectionBuilder b = new SectionBuilder("training-curves", "Training curves of representative cells", counter);
        boolean all = drawn.size() == r.cells().size();
        if (!all) {
            leftOut(b, r.cells().stream().map(TransferCell::cell).toList(), drawn, "training-curves");
            b.paragraph("Of each task pair drawn, the smallest and the largest number of target examples are shown.");
        }
        boolean any = false;
        for (TransferCell c : drawn(r, drawn)) {
            List<Integer> sizes = c.targetSizes();
            if (!all && sizes.size() > 2) {
                sizes = List.of(sizes.get(0), sizes.get(sizes.size() - 1));
            }
            List<Figure> figures = sizes.stream().map(n -> CurveCharts.curves(c, n)).flatMap(Optional::stream).toList();
            if (figures.isEmpty()) {
                continue;
            }
            any = true;
            if (r.cells().size() > 1) {
                b.subheading(c.cell().displayName());
            }
            b.figures(figures, "Validation loss (solid) and training loss (dashed) against epoch for the first seed: "
                    + "from scratch, full fine-tuning, the classic recipe and each initialisation's ℓ*, coloured as in the "
                    + "protocol comparison. Look for overfitting (training loss falling while validation loss rises) "
                    + "and for runs stopped early by the patience rule.");
        }
        return any ? Optional.of(b.build()) : Optional.empty();
    }

    private static List<TransferCell> drawn(TransferResults r, List<MatrixCell> drawn) {
        return r.cells().stream().filter(c -> drawn.contains(c.cell())).toList();
    }

    /**
     * When not every task pair is drawn, a paragraph saying which are (the ends of each knob's sweep, or evenly
     * spaced ones) and naming the others, whose values the table {@code table} holds; nothing otherwise.
     */
    static void leftOut(SectionBuilder b, List<MatrixCell> all, List<MatrixCell> drawn, String table) {
        List<MatrixCell> rest = all.stream().filter(c -> !drawn.contains(c)).toList();
        if (rest.isEmpty()) {
            return;
        }
        b.paragraph("The matrix has " + all.size() + " task pairs; to keep this page small, the figures below are "
                + "drawn for " + drawn.size() + " representative ones (the two ends of each knob's sweep, or task pairs "
                + "evenly spaced in matrix order): " + drawn.stream().map(MatrixCell::displayName)
                .collect(java.util.stream.Collectors.joining("; ")) + ". Left out: " + rest.stream()
                .map(MatrixCell::displayName).collect(java.util.stream.Collectors.joining("; ")) + "; their values are "
                + "in tables/" + table + ".csv.");
    }

    static String swatch(java.awt.Color c) {
        return String.format("<span class=\"swatch\" style=\"background:#%06x\"></span>", c.getRGB() & 0xffffff);
    }

    private static List<String> dropFirstIf(boolean drop, List<String> list) {
        return drop ? list.subList(1, list.size()) : list;
    }
}
