package org.defrost.report.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.defrost.report.chart.TileChart.Key;
import org.defrost.report.chart.TileChart.Tile;
import org.defrost.report.model.Optimum;
import org.defrost.report.model.TransferCell;
import org.defrost.report.model.TransferResults;

/**
 * Heat maps of ℓ* and of the gain over scratch over (target size, task pair): the phase diagrams when the rows
 * are the levels of one knob.
 */
public final class PhaseCharts {
    /** Blue for a gain, white for none, red for a loss (RdBu). */
    private static final Color[] DIVERGING = {new Color(0xb2182b), new Color(0xef8a62), new Color(0xfddbc7),
            new Color(0xf7f7f7), new Color(0xd1e5f0), new Color(0x67a9cf), new Color(0x2166ac)};

    private PhaseCharts() {
    }

    /**
     * The rows of a heat map and how they are named.
     *
     * @param cells     the task pairs, bottom to top
     * @param labels    their labels on the y axis
     * @param yTitle    the y axis's title
     * @param title     the chart's title
     * @param slug      a fragment for the figure id
     */
    public record Rows(List<TransferCell> cells, List<String> labels, String yTitle, String title, String slug) {
    }

    /**
     * ℓ* per tile, coloured from 0 (light) to L (dark), labelled with ℓ* and the chosen initialisation
     * ({@code r} random, {@code p} pretrained); hatched where ℓ* is not significantly better than the depths next
     * to it (only where that test was run).
     */
    public static Figure depthStar(Rows rows, List<Integer> sizes, int layers) {
        List<Tile> tiles = new ArrayList<>();
        boolean anyHatched = false;
        for (int y = 0; y < rows.cells().size(); y++) {
            for (int x = 0; x < sizes.size(); x++) {
                Optional<Optimum> o = rows.cells().get(y).optimum(sizes.get(x));
                if (o.isEmpty()) {
                    continue;
                }
                boolean hatched = notSignificant(o.get().vsNeighbours());
                anyHatched |= hatched;
                tiles.add(new Tile(x, y, depthColour(o.get().depthStar(), layers),
                        o.get().depthStar() + (TransferResults.PRETRAINED.equals(o.get().init()) ? "p" : "r"), hatched));
            }
        }
        List<Key> keys = new ArrayList<>();
        for (int l = 0; l <= layers; l++) {
            keys.add(new Key(depthColour(l, layers), "ℓ* = " + l, false));
        }
        if (anyHatched) {
            keys.add(new Key(Color.WHITE, "not better than neighbours", true));
        }
        return TileChart.render(rows.title(), "target training examples n", rows.yTitle(),
                sizes.stream().map(String::valueOf).toList(), rows.labels(), tiles, keys,
                "phase-depth-star-" + rows.slug(), "phase-diagram", "Optimal depth over target size and " + rows.yTitle());
    }

    /**
     * Gain over scratch per tile on a diverging scale shared by the maps of a report ({@code scale} = the largest
     * absolute gain): blue where transfer helps, red where it hurts; hatched where the paired test against scratch
     * does not find the difference significant (only where that test was run).
     */
    public static Figure gain(Rows rows, List<Integer> sizes, double scale) {
        List<Tile> tiles = new ArrayList<>();
        for (int y = 0; y < rows.cells().size(); y++) {
            for (int x = 0; x < sizes.size(); x++) {
                Optional<Optimum> o = rows.cells().get(y).optimum(sizes.get(x));
                if (o.isEmpty() || Double.isNaN(o.get().gainOverScratch().value())) {
                    continue;
                }
                double g = o.get().gainOverScratch().value();
                boolean atScratch = o.get().depthStar() == 0 && TransferResults.RANDOM.equals(o.get().init());
                tiles.add(new Tile(x, y, gainColour(g, scale), String.format(Locale.ROOT, "%.3f", g),
                        !atScratch && notSignificant(o.get().vsScratch())));
            }
        }
        return TileChart.render(rows.title().replace("ℓ*", "gain over scratch"), "target training examples n",
                rows.yTitle(), sizes.stream().map(String::valueOf).toList(), rows.labels(), tiles, List.of(),
                "phase-gain-" + rows.slug(), "gain-heat-map", "Gain over scratch over target size and " + rows.yTitle());
    }

    private static boolean notSignificant(Optimum.PairedTest t) {
        return !Double.isNaN(t.pValue()) && !t.significant();
    }

    static Color depthColour(int depth, int layers) {
        return ChartStyle.ramp(ChartStyle.HEAT_RAMP, layers == 0 ? 0 : (double) depth / layers);
    }

    static Color gainColour(double gain, double scale) {
        double s = scale > 0 ? scale : 1;
        return ChartStyle.ramp(DIVERGING, 0.5 + 0.5 * Math.max(-1, Math.min(1, gain / s)));
    }
}
