package org.defrost.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.defrost.report.model.MatrixCell;
import org.defrost.report.model.SimilarityLink;
import org.defrost.report.model.SimilarityResults;
import org.defrost.report.model.SimilarityResults.CellSimilarity;
import org.defrost.report.model.SimilarityResults.MatrixEntry;
import org.defrost.report.model.SimilarityResults.ProfilePoint;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The charts of the similarity results: per-layer profiles and layer × layer heat maps. */
public final class SimilarityCharts {
    private SimilarityCharts() {
    }

    /**
     * One measure's profile (layer i of S against layer i of T*) per matrix cell with standard-error bars; on each
     * cell's line, rings mark the layers that are ℓ* for that cell's target sizes. Empty when no cell has points.
     *
     * @param depthStars per matrix cell, the recommended ℓ* of each target size
     */
    public static Optional<Figure> profile(SimilarityResults s, String probe, String measure,
                                           Map<MatrixCell, List<Integer>> depthStars) {
        XYChart chart = new XYChartBuilder().width(400).height(290)
                .title(s.probes().size() > 1 ? measure + " (" + probe + " probe)" : measure)
                .xAxisTitle("layer i (0 = input)").yAxisTitle(measure).build();
        ChartStyle.apply(chart.getStyler());
        if (s.cells().size() > 2) {
            ChartStyle.legendRight(chart.getStyler());
        }
        chart.getStyler().setYAxisDecimalPattern(ChartStyle.VALUE_PATTERN);
        List<CellSimilarity> cells = s.cells();
        boolean any = false;
        for (int i = 0; i < cells.size(); i++) {
            CellSimilarity c = cells.get(i);
            List<ProfilePoint> points = c.profile(probe, measure);
            if (points.isEmpty()) {
                continue;
            }
            any = true;
            var colour = ChartStyle.cell(i, cells.size());
            boolean errors = points.stream().allMatch(p -> Double.isFinite(p.stderr()));
            List<Integer> x = points.stream().map(ProfilePoint::layer).toList();
            List<Double> y = points.stream().map(ProfilePoint::mean).toList();
            XYSeries line = errors ? chart.addSeries(c.cell().displayName(), x, y, points.stream().map(ProfilePoint::stderr).toList())
                    : chart.addSeries(c.cell().displayName(), x, y);
            line.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(colour).setLineColor(colour).setLineStyle(ChartStyle.SOLID);
            List<Integer> starLayers = new ArrayList<>(new TreeSet<>(depthStars.getOrDefault(c.cell(), List.of())));
            starLayers.removeIf(l -> points.stream().noneMatch(p -> p.layer() == l));
            if (!starLayers.isEmpty()) {
                XYSeries stars = chart.addSeries("ℓ* " + c.cell().displayName(), starLayers, starLayers.stream()
                        .map(l -> points.stream().filter(p -> p.layer() == l).findFirst().orElseThrow().mean()).toList());
                stars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                stars.setMarker(new RingMarker()).setMarkerColor(colour);
                stars.setShowInLegend(false);
            }
        }
        if (!any) {
            return Optional.empty();
        }
        TransferCharts.integerXAxis(chart);
        return Optional.of(ChartStyle.render(chart, "profile-" + slug(probe, measure), "similarity-profile",
                "Similarity profile of " + measure + " per layer, with the optimal depths marked"));
    }

    /**
     * One cell's layer × layer matrix of one measure: layers of S across, layers of T* up. Colours span
     * [min, max], shared by the cells so that they compare. Empty when the cell has no entries.
     */
    public static Optional<Figure> layerMatrix(CellSimilarity c, String probe, String measure, double min, double max) {
        List<MatrixEntry> entries = c.matrix(probe, measure);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        int size = 1 + entries.stream().mapToInt(e -> Math.max(e.sourceLayer(), e.targetLayer())).max().orElse(0);
        HeatMapChart chart = new HeatMapChartBuilder().width(340).height(300)
                .title(c.cell().displayName()).xAxisTitle("layer of S (source)").yAxisTitle("layer of T* (target)").build();
        ChartStyle.apply(chart.getStyler());
        // with the values printed in the cells the colour scale is redundant; without them it is needed
        chart.getStyler().setLegendVisible(size > 8);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setRangeColors(ChartStyle.HEAT_RAMP).setMin(min).setMax(max > min ? max : min + 1)
                .setShowValue(size <= 8).setValueFont(ChartStyle.SMALL).setValueFontColor(java.awt.Color.BLACK)
                .setHeatMapValueDecimalPattern("0.00").setDrawBorder(true);
        List<Integer> layers = new ArrayList<>();
        for (int l = 0; l < size; l++) {
            layers.add(l);
        }
        List<Number[]> values = new ArrayList<>();
        for (MatrixEntry e : entries) {
            if (Double.isFinite(e.value())) {
                values.add(new Number[]{e.sourceLayer(), e.targetLayer(), e.value()});
            }
        }
        chart.addSeries(measure, layers, layers, values);
        return Optional.of(ChartStyle.render(chart, "layers-" + slug(probe, measure) + "-" + c.cell().slug(),
                "layer-matrix", "Layer by layer " + measure + " between S and T*, " + c.cell().displayName()));
    }

    /**
     * The transition depth of each (task pair, target size) against its ℓ*, one colour per target size, with the
     * diagonal ℓ* = transition depth dashed. Points that coincide are spread a little (by at most 0.3 of a layer,
     * the same way in every report) so that their number shows.
     *
     * @param sizes the run's target sizes, ascending, for the colours
     */
    public static Figure transitionScatter(SimilarityLink.Correlation c, List<Integer> sizes, int layers) {
        String rho = Double.isNaN(c.rho()) ? "ρ undefined" : String.format(java.util.Locale.ROOT, "ρ = %.2f", c.rho())
                + (Double.isNaN(c.low()) ? "" : String.format(java.util.Locale.ROOT, " [%.2f, %.2f]", c.low(), c.high()));
        XYChart chart = new XYChartBuilder().width(500).height(320).title(c.measure() + ": " + rho)
                .xAxisTitle("transition depth (" + c.definition().id() + ")").yAxisTitle("ℓ*").build();
        ChartStyle.apply(chart.getStyler());
        ChartStyle.legendRight(chart.getStyler());
        chart.getStyler().setXAxisMin(-0.5).setXAxisMax(layers + 0.5).setYAxisMin(-0.5).setYAxisMax(layers + 0.5)
                .setXAxisDecimalPattern("0").setYAxisDecimalPattern("0");
        XYSeries diagonal = chart.addSeries("ℓ* = depth", List.of(0, layers), List.of(0, layers));
        diagonal.setMarker(SeriesMarkers.NONE).setLineColor(java.awt.Color.GRAY).setLineStyle(ChartStyle.DASHED);
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < sizes.size(); i++) {
            int n = sizes.get(i);
            List<SimilarityLink.Point> points = c.points().stream().filter(p -> p.targetSize() == n).toList();
            if (points.isEmpty()) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (SimilarityLink.Point p : points) {
                int k = seen.merge(p.transitionDepth() + "/" + p.depthStar(), 1, Integer::sum) - 1;
                // the k-th point at a spot moves out along a small spiral
                double angle = 2.4 * k;
                double radius = Math.min(0.3, 0.07 * Math.sqrt(k));
                x.add(p.transitionDepth() + radius * Math.cos(angle));
                y.add(p.depthStar() + radius * Math.sin(angle));
            }
            XYSeries s = chart.addSeries("n = " + n, x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(ChartStyle.cell(i, sizes.size()));
        }
        return ChartStyle.render(chart, "transition-" + slug(c.probe(), c.measure()) + "-" + c.definition().id(),
                "transition-vs-depth-star", "Transition depth of " + c.measure() + " against the optimal depth");
    }

    static String slug(String probe, String measure) {
        return (probe.isEmpty() ? "" : probe + "-") + measure.replaceAll("[^A-Za-z0-9.]+", "-");
    }
}
