package org.defrost.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.defrost.report.model.DepthNames;
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
     * One measure's profile (layer or block i of S against the same of T*) per matrix cell with standard-error bars;
     * on each cell's line, rings mark the depths that are ℓ* for that cell's target sizes. Empty when no cell has
     * points.
     *
     * @param depthStars per matrix cell, the recommended ℓ* of each target size
     * @param names      how the x axis names depths (blocks of a block network)
     */
    public static Optional<Figure> profile(SimilarityResults s, String probe, String measure,
                                           Map<MatrixCell, List<Integer>> depthStars, DepthNames names) {
        return profileChart(s, probe, measure, depthStars, names).map(chart -> ChartStyle.render(chart,
                "profile-" + slug(probe, measure), "similarity-profile",
                "Similarity profile of " + measure + " per " + names.unit() + ", with the optimal depths marked"));
    }

    /** The chart of {@link #profile}, not yet drawn; empty when no cell has points. */
    static Optional<XYChart> profileChart(SimilarityResults s, String probe, String measure,
                                          Map<MatrixCell, List<Integer>> depthStars, DepthNames names) {
        XYChart chart = new XYChartBuilder().width(400).height(290)
                .title(s.probes().size() > 1 ? measure + " (" + probe + " probe)" : measure)
                .xAxisTitle(names.axisTitle()).yAxisTitle(measure).build();
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
        depthXAxis(chart, names);
        return Optional.of(chart);
    }

    /**
     * One measure's layer × layer matrices as small multiples in one figure, one panel per cell (two to a row):
     * layers (or blocks) of S across, of T* up. Colours span [min, max], shared by the panels so that they compare.
     * Empty when no cell has entries.
     *
     * @param names how the axes name depths: block names of a block network, indices otherwise
     */
    public static Optional<Figure> layerMatrices(List<CellSimilarity> cells, String probe, String measure, double min,
                                                 double max, DepthNames names) {
        List<HeatMapChart> panels = cells.stream()
                .map(c -> layerMatrixChart(c, probe, measure, min, max, names)).flatMap(Optional::stream).toList();
        if (panels.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ChartStyle.renderGrid(panels, 2, "layers-" + slug(probe, measure), "layer-matrix",
                (names.blocks() ? "Block by block " : "Layer by layer ") + measure + " between S and T*, "
                        + panels.stream().map(HeatMapChart::getTitle).collect(java.util.stream.Collectors.joining("; "))));
    }

    /** One cell's panel of {@link #layerMatrices}, not yet drawn; empty when the cell has no entries. */
    static Optional<HeatMapChart> layerMatrixChart(CellSimilarity c, String probe, String measure, double min,
                                                   double max, DepthNames names) {
        List<MatrixEntry> entries = c.matrix(probe, measure);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        int size = 1 + entries.stream().mapToInt(e -> Math.max(e.sourceLayer(), e.targetLayer())).max().orElse(0);
        HeatMapChart chart = new HeatMapChartBuilder().width(310).height(260)
                .title(c.cell().displayName()).xAxisTitle(names.unit() + " of S (source)")
                .yAxisTitle(names.unit() + " of T* (target)").build();
        ChartStyle.apply(chart.getStyler());
        // a panel among small multiples: a title as long as three matrix keys must fit its width
        chart.getStyler().setChartTitleFont(ChartStyle.PANEL_TITLE);
        // with the values printed in the cells the colour scale is redundant; without them it is needed
        chart.getStyler().setLegendVisible(size > 8);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setRangeColors(ChartStyle.HEAT_RAMP).setMin(min).setMax(max > min ? max : min + 1)
                .setShowValue(size <= 8).setValueFont(ChartStyle.SMALL).setValueFontColor(java.awt.Color.BLACK)
                .setHeatMapValueDecimalPattern("0.00").setDrawBorder(true);
        List<String> layers = new ArrayList<>();
        for (int l = 0; l < size; l++) {
            layers.add(names.tick(l));
        }
        List<Number[]> values = new ArrayList<>();
        for (MatrixEntry e : entries) {
            if (Double.isFinite(e.value())) {
                values.add(new Number[]{e.sourceLayer(), e.targetLayer(), e.value()});
            }
        }
        if (names.blocks() && size > 5) {
            chart.getStyler().setXAxisLabelRotation(45);
        }
        chart.addSeries(measure, layers, layers, values);
        return Optional.of(chart);
    }

    /**
     * The transition depth of each (task pair, target size) against its ℓ*, one colour per target size, with the
     * diagonal ℓ* = transition depth dashed. Points that coincide are spread a little (by at most 0.3 of a layer,
     * the same way in every report) so that their number shows.
     *
     * @param sizes the run's target sizes, ascending, for the colours
     * @param names how both axes name depths (blocks of a block network)
     */
    public static Figure transitionScatter(SimilarityLink.Correlation c, List<Integer> sizes, int layers,
                                           DepthNames names) {
        String rho = Double.isNaN(c.rho()) ? "ρ undefined" : String.format(java.util.Locale.ROOT, "ρ = %.2f", c.rho())
                + (Double.isNaN(c.low()) ? "" : String.format(java.util.Locale.ROOT, " [%.2f, %.2f]", c.low(), c.high()));
        XYChart chart = new XYChartBuilder().width(500).height(320).title(c.measure() + ": " + rho)
                .xAxisTitle("transition depth (" + c.definition().id() + ")").yAxisTitle("ℓ*").build();
        ChartStyle.apply(chart.getStyler());
        ChartStyle.legendRight(chart.getStyler());
        chart.getStyler().setXAxisMin(-0.5).setXAxisMax(layers + 0.5).setYAxisMin(-0.5).setYAxisMax(layers + 0.5)
                .setXAxisDecimalPattern("0").setYAxisDecimalPattern("0");
        if (names.blocks()) {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(names::axisTick)
                    .setyAxisTickLabelsFormattingFunction(names::axisTick);
        }
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

    /** Whole-number depth ticks on the x axis, labelled with block names for a block network. */
    private static void depthXAxis(XYChart chart, DepthNames names) {
        TransferCharts.integerXAxis(chart);
        if (names.blocks()) {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(names::axisTick);
        }
    }

    static String slug(String probe, String measure) {
        return (probe.isEmpty() ? "" : probe + "-") + measure.replaceAll("[^A-Za-z0-9.]+", "-");
    }
}
