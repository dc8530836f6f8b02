package org.defrost.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.defrost.report.model.DepthNames;
import org.defrost.report.model.DepthPoint;
import org.defrost.report.model.Optimum;
import org.defrost.report.model.Protocol;
import org.defrost.report.model.TransferCell;
import org.defrost.report.model.TransferResults;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The charts of the transfer results: error against depth, ℓ* against target size, the protocol comparison. */
public final class TransferCharts {
    private TransferCharts() {
    }

    /**
     * Mean test error against transfer depth ℓ for one cell and target size, one line per initialisation with
     * standard-error bars (none with one seed), the mean validation error ℓ* is chosen on as a dashed line of the
     * same colour when recorded, and a ring around each initialisation's depth of lowest validation error.
     *
     * @param names what ℓ counts (blocks of a block network, layers otherwise), for the axis title
     */
    public static Figure errorVsDepth(TransferCell c, int targetSize, List<String> inits, DepthNames names) {
        XYChart chart = new XYChartBuilder().width(400).height(290)
                .title(c.cell().values().isEmpty() ? "n = " + targetSize : c.cell().label() + ", n = " + targetSize)
                .xAxisTitle("transfer depth ℓ (" + names.units() + " frozen)").yAxisTitle("error").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setYAxisDecimalPattern(ChartStyle.VALUE_PATTERN);
        integerXAxis(chart);
        for (String init : inits) {
            List<DepthPoint> curve = c.curve(targetSize, init);
            if (curve.isEmpty()) {
                continue;
            }
            List<Integer> depths = curve.stream().map(DepthPoint::depth).toList();
            List<Double> means = curve.stream().map(DepthPoint::mean).toList();
            boolean bars = curve.stream().allMatch(d -> Double.isFinite(d.stderr()));
            XYSeries s = bars ? chart.addSeries(init, depths, means, curve.stream().map(DepthPoint::stderr).toList())
                    : chart.addSeries(init, depths, means);
            s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(ChartStyle.init(init)).setLineColor(ChartStyle.init(init))
                    .setLineStyle(ChartStyle.SOLID);
            if (curve.stream().allMatch(d -> Double.isFinite(d.meanValidation()))) {
                XYSeries v = chart.addSeries(init + " (validation)", depths,
                        curve.stream().map(DepthPoint::meanValidation).toList());
                v.setMarker(SeriesMarkers.NONE).setLineColor(ChartStyle.init(init)).setLineStyle(ChartStyle.DASHED);
                v.setShowInLegend(false); // the caption says what the dashed lines are
            }
        }
        for (String init : inits) {
            Optional<DepthPoint> best = c.best(targetSize, init);
            if (best.isPresent()) {
                XYSeries star = chart.addSeries("ℓ* " + init, List.of(best.get().depth()), List.of(best.get().mean()));
                star.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                star.setMarker(new RingMarker()).setMarkerColor(ChartStyle.init(init));
                star.setShowInLegend(false);
            }
        }
        return ChartStyle.render(chart, "error-vs-depth-" + c.cell().slug() + "-n" + targetSize, "error-vs-depth",
                "Test error against transfer depth, " + c.cell().displayName() + ", " + targetSize + " target examples");
    }

    /** The chosen ℓ* against target size (log scale), one line per matrix cell. */
    public static Figure depthStarVsTargetSize(TransferResults r) {
        XYChart chart = new XYChartBuilder().width(560).height(320).title("ℓ* chosen on validation error")
                .xAxisTitle("target training examples n").yAxisTitle("optimal depth ℓ*").build();
        if (!r.chosenOnValidation()) {
            chart.setTitle("ℓ* (chosen on test error)");
        }
        ChartStyle.apply(chart.getStyler());
        ChartStyle.legendRight(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(true);
        integerYAxis(chart, r.maxLayers());
        List<TransferCell> cells = r.cells();
        for (int i = 0; i < cells.size(); i++) {
            TransferCell c = cells.get(i);
            List<Optimum> optima = c.targetSizes().stream().map(c::optimum).flatMap(Optional::stream).toList();
            if (optima.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(c.cell().displayName(), optima.stream().map(Optimum::targetSize).toList(),
                    optima.stream().map(Optimum::depthStar).toList());
            s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(ChartStyle.cell(i, cells.size()))
                    .setLineColor(ChartStyle.cell(i, cells.size())).setLineStyle(ChartStyle.SOLID);
        }
        return ChartStyle.render(chart, "depth-star-vs-n", "depth-star-vs-target-size", "Optimal depth against target size");
    }

    /** Grouped bars of the protocols' test errors with standard-error bars, per target size, for one cell. */
    public static Figure protocols(TransferCell c) {
        List<Integer> sizes = c.targetSizes();
        CategoryChart chart = new CategoryChartBuilder().width(620).height(340)
                .title(c.cell().values().isEmpty() ? "Protocols" : "Protocols, " + c.cell().label())
                .xAxisTitle("target training examples n").yAxisTitle("test error").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisDecimalPattern(ChartStyle.VALUE_PATTERN);
        chart.getStyler().setAvailableSpaceFill(0.85).setOverlapped(false);
        List<String> categories = sizes.stream().map(n -> "n = " + n).toList();
        List<List<Protocol.Result>> results = sizes.stream().map(n -> Protocol.compare(c, n)).toList();
        for (Protocol p : Protocol.values()) {
            List<Double> means = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (List<Protocol.Result> atSize : results) {
                Optional<Protocol.Result> r = atSize.stream().filter(x -> x.protocol() == p).findFirst();
                means.add(r.map(Protocol.Result::mean).orElse(Double.NaN)); // XChart draws no bar for NaN
                errors.add(r.map(Protocol.Result::stderr).filter(Double::isFinite).orElse(0.0)); // none with 1 seed
            }
            if (means.stream().allMatch(m -> Double.isNaN(m))) {
                continue;
            }
            CategorySeries s = chart.addSeries(p.shortLabel(), categories, means, errors);
            s.setFillColor(ChartStyle.protocol(p));
        }
        return ChartStyle.render(chart, "protocols-" + c.cell().slug(), "protocols",
                "Test error of each transfer protocol per target size, " + c.cell().displayName());
    }

    /**
     * An x axis labelled with whole layer indices. XChart puts the ticks on the data's x values when they are
     * equally spaced, as depths 0..L are.
     */
    static void integerXAxis(XYChart chart) {
        chart.getStyler().setXAxisDecimalPattern("0");
    }

    /** A y axis for depths 0..layers with whole-number labels and half a layer of room at both ends. */
    private static void integerYAxis(XYChart chart, int layers) {
        chart.getStyler().setYAxisMin(-0.5).setYAxisMax(layers + 0.5).setYAxisDecimalPattern("0");
    }
}
