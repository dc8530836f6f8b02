package org.defrost.report.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.defrost.report.model.Protocol;
import org.defrost.report.model.TransferCell;
import org.defrost.report.model.TransferResults;
import org.defrost.report.table.Table;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Training curves of the representative cells that the fine-tune stage records. */
public final class CurveCharts {
    private CurveCharts() {
    }

    /**
     * Validation loss (solid) and training loss (dashed) against epoch for one cell and target size: the first
     * seed's cells at ℓ = 0, ℓ = L and each initialisation's ℓ*, coloured by protocol. Empty when the cell
     * recorded no curves for that size.
     */
    public static Optional<Figure> curves(TransferCell c, int targetSize) {
        List<Map<String, String>> rows = c.curves().rows().stream()
                .filter(r -> Table.integer(r, "targetSize") == targetSize).toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        int firstSeed = rows.stream().mapToInt(r -> Table.integer(r, "seed")).min().orElseThrow();
        Map<String, List<Map<String, String>>> byStart = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            if (Table.integer(r, "seed") == firstSeed) {
                byStart.computeIfAbsent(r.get("init") + "/" + r.get("depth"), k -> new ArrayList<>()).add(r);
            }
        }
        XYChart chart = new XYChartBuilder().width(400).height(290)
                .title(c.cell().values().isEmpty() ? "n = " + targetSize : c.cell().label() + ", n = " + targetSize)
                .xAxisTitle("epoch").yAxisTitle("loss").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setYAxisDecimalPattern(ChartStyle.VALUE_PATTERN);
        chart.getStyler().setXAxisMin(0.0).setXAxisDecimalPattern("0");
        // losses fall from the top left, so the top right corner is free for the legend
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        // legend in the protocols' order, as in the protocol comparison
        List<List<Map<String, String>>> starts = new ArrayList<>(byStart.values());
        starts.sort(java.util.Comparator.comparing(start -> protocol(start.get(0).get("init"),
                Table.integer(start.get(0), "depth"), c.layers())));
        List<String> drawn = new ArrayList<>();
        for (List<Map<String, String>> start : starts) {
            String init = start.get(0).get("init");
            int depth = Table.integer(start.get(0), "depth");
            Protocol p = protocol(init, depth, c.layers());
            String name = label(p, depth);
            if (drawn.contains(name)) {
                continue; // at ℓ = L both initialisations are the same network
            }
            drawn.add(name);
            double[] epochs = start.stream().mapToDouble(r -> Table.number(r, "epoch")).toArray();
            XYSeries val = chart.addSeries(name, epochs, start.stream().mapToDouble(r -> Table.number(r, "validationLoss")).toArray());
            val.setMarker(SeriesMarkers.NONE).setLineColor(ChartStyle.protocol(p)).setLineStyle(ChartStyle.SOLID);
            XYSeries train = chart.addSeries(name + " (training)", epochs,
                    start.stream().mapToDouble(r -> Table.number(r, "trainLoss")).toArray());
            train.setMarker(SeriesMarkers.NONE).setLineColor(ChartStyle.protocol(p)).setLineStyle(ChartStyle.DASHED);
            train.setShowInLegend(false);
        }
        // XChart puts a tick on every k-th x value when all x values are equally spaced, as epochs are, which gives
        // ticks like 1, 15, 29; one invisible point off the grid makes it choose round ticks (0, 50, 100) instead.
        XYSeries offGrid = chart.addSeries("off-grid", new double[]{0.5},
                new double[]{Table.number(rows.get(0), "validationLoss")});
        offGrid.setMarker(SeriesMarkers.NONE).setLineColor(new java.awt.Color(0, 0, 0, 0));
        offGrid.setShowInLegend(false);
        return Optional.of(ChartStyle.render(chart, "curves-" + c.cell().slug() + "-n" + targetSize, "training-curves",
                "Training curves, " + c.cell().displayName() + ", " + targetSize + " target examples"));
    }

    private static Protocol protocol(String init, int depth, int layers) {
        boolean pretrained = TransferResults.PRETRAINED.equals(init);
        if (depth == layers) {
            return Protocol.CLASSIC;
        }
        if (depth == 0) {
            return pretrained ? Protocol.FULL_FINE_TUNING : Protocol.SCRATCH;
        }
        return pretrained ? Protocol.BEST_PRETRAINED : Protocol.BEST_RANDOM;
    }

    private static String label(Protocol p, int depth) {
        return switch (p) {
            case SCRATCH -> "scratch";
            case FULL_FINE_TUNING -> "full fine-tuning";
            case CLASSIC -> "classic, ℓ = " + depth;
            case BEST_RANDOM -> "ℓ* = " + depth + ", random";
            case BEST_PRETRAINED -> "ℓ* = " + depth + ", pretrained";
        };
    }
}
