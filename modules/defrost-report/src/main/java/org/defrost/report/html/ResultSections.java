package org.defrost.report.html;

import static org.defrost.report.html.SectionBuilder.escape;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.defrost.report.chart.ChartStyle;
import org.defrost.report.chart.CurveCharts;
import org.defrost.report.chart.Figure;
import org.defrost.report.chart.TransferCharts;
import org.defrost.report.model.Formats;
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
        SectionBuilder b = new SectionBuilder("answer", "How many layers to freeze", counter);
        int seeds = r.cells().stream().mapToInt(TransferCell::seeds).max().orElse(0);
        b.paragraph("For each task pair (matrix cell) and number of target training examples: the transfer depth ℓ* "
                + "(layers 1..ℓ* copied from the source network and frozen) with the lowest mean test error over "
                + seeds + " seed" + (seeds == 1 ? "" : "s") + ", for the better of the two ways of starting the layers "
                + "above it. Errors are fractions of the target test set misclassified, mean ± standard error over seeds.");
        b.paragraphHtml("<span class=\"key\">Colours throughout:" + swatch(ChartStyle.RANDOM) + "random (layers above "
                + "ℓ re-initialised)" + swatch(ChartStyle.PRETRAINED) + "pretrained (layers above ℓ fine-tuned from the "
                + "source network)</span>");
        for (TransferCell c : r.cells()) {
            if (r.cells().size() > 1 || !c.cell().values().isEmpty()) {
                b.subheading(c.cell().displayName());
            }
            StringBuilder list = new StringBuilder("<ul class=\"answers\">\n");
            for (Recommendation rec : recommendations) {
                if (rec.cell().equals(c.cell())) {
                    String text = rec.sentence();
                    int colon = text.indexOf(": ");
                    list.append("<li class=\"answer\" data-target-size=\"").append(rec.targetSize()).append("\">")
                            .append("<span class=\"lead\">").append(escape(text.substring(0, colon + 1)))
                            .append("</span>").append(escape(text.substring(colon + 1))).append("</li>\n");
                }
            }
            b.raw(list.append("</ul>\n").toString());
        }
        boolean matrix = r.cells().stream().anyMatch(c -> !c.cell().values().isEmpty());
        List<String> header = new ArrayList<>(List.of("task pair", "n", "recommendation", "init", "ℓ*", "L",
                "test error", "± s.e.", "scratch", "classic (ℓ = L)", "full fine-tuning", "p vs classic"));
        List<List<String>> rows = new ArrayList<>();
        for (Recommendation rec : recommendations) {
            rows.add(List.of(rec.cell().displayName(), String.valueOf(rec.targetSize()),
                    rec.kind().name().toLowerCase().replace('_', ' '), rec.init(), String.valueOf(rec.depthStar()),
                    String.valueOf(rec.layers()), Formats.value(rec.mean()), Formats.value(rec.stderr()),
                    Formats.value(rec.scratch()), Formats.value(rec.classic()), Formats.value(rec.fullFineTuning()),
                    Formats.pValue(rec.pValueVsClassic())));
        }
        boolean[] numeric = {false, true, false, false, true, true, true, true, true, true, true, true};
        b.details("Table: recommendations (tables/recommendations.csv)", true);
        b.table("recommendations", dropFirstIf(!matrix, header), rows.stream().map(x -> dropFirstIf(!matrix, x)).toList(),
                matrix ? numeric : java.util.Arrays.copyOfRange(numeric, 1, numeric.length));
        return b.endDetails().build();
    }

    /** Test error against ℓ, one small chart per target size, grouped by cell. */
    public static Section errorVsDepth(TransferResults r, SectionBuilder.FigureCounter counter) {
        SectionBuilder b = new SectionBuilder("error-vs-depth", "Test error against transfer depth", counter);
        for (TransferCell c : r.cells()) {
            if (r.cells().size() > 1) {
                b.subheading(c.cell().displayName());
            }
            List<Figure> figures = c.targetSizes().stream().map(n -> TransferCharts.errorVsDepth(c, n, r.inits())).toList();
            b.figures(figures, "Mean target test error against the transfer depth ℓ (layers 1..ℓ copied from the source "
                    + "network and frozen; ℓ = 0 without pretrained layers is training from scratch, ℓ = " + c.layers()
                    + " is the classic recipe), ± standard error over seeds, one chart per number of target examples n. "
                    + "Rings mark ℓ* for each initialisation. Look for a minimum inside the range (neither 0 nor L) "
                    + "and for how the optimum moves towards ℓ = 0 as n grows.");
        }
        return b.build();
    }

    /** ℓ* against target size per cell and the heat map of ℓ* over target size × cell, per initialisation. */
    public static Section depthStar(TransferResults r, SectionBuilder.FigureCounter counter) {
        SectionBuilder b = new SectionBuilder("optimal-depth", "Optimal depth ℓ* against target size and task pair", counter);
        b.figures(r.inits().stream().map(i -> TransferCharts.depthStarVsTargetSize(r, i)).toList(),
                "The optimal transfer depth ℓ* against the number of target training examples (log scale), one line "
                        + "per task pair, for each initialisation of the layers above ℓ. Expected: ℓ* falls as n grows (with "
                        + "enough target data, training from scratch or full fine-tuning wins) and as the source and "
                        + "target tasks become less related. Overlapping lines hide each other; the heat maps below give "
                        + "every value.");
        b.figures(r.inits().stream().map(i -> TransferCharts.depthStarHeatMap(r, i)).toList(),
                "ℓ* over target size (columns) and task pair (rows); the number in each cell is ℓ*, darker means more "
                        + "layers frozen. Read along a row for the effect of the amount of target data, down a column for "
                        + "the effect of task relatedness.");
        return b.build();
    }

    /** The protocol comparison per cell: a grouped bar chart and a table. */
    public static Section protocols(TransferResults r, SectionBuilder.FigureCounter counter) {
        SectionBuilder b = new SectionBuilder("protocols", "Protocol comparison", counter);
        b.figures(r.cells().stream().map(TransferCharts::protocols).toList(),
                "Test error of the transfer protocols per number of target examples: from scratch, the classic recipe "
                        + "(all feature layers frozen), the best depth with the layers above re-initialised, the best depth "
                        + "with them fine-tuned, and full fine-tuning; mean ± standard error over seeds. The gap between "
                        + "classic and best ℓ is what defrosting gains; the gap to scratch is what transfer gains. The best-ℓ "
                        + "bars are minima over depths, hence slightly optimistic when there are few seeds.");
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
                    row.add(res.map(x -> Formats.value(x.mean()) + " ± " + Formats.value(x.stderr())
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

    /** Training curves of the representative cells, or empty when none were recorded. */
    public static Optional<Section> curves(TransferResults r, SectionBuilder.FigureCounter counter) {
        SectionBuilder b = new SectionBuilder("training-curves", "Training curves of representative cells", counter);
        boolean any = false;
        for (TransferCell c : r.cells()) {
            List<Figure> figures = c.targetSizes().stream().map(n -> CurveCharts.curves(c, n)).flatMap(Optional::stream).toList();
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

    static String swatch(java.awt.Color c) {
        return String.format("<span class=\"swatch\" style=\"background:#%06x\"></span>", c.getRGB() & 0xffffff);
    }

    private static List<String> dropFirstIf(boolean drop, List<String> list) {
        return drop ? list.subList(1, list.size()) : list;
    }
}
