package org.defrost.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;

/**
 * A heat map drawn as an XChart scatter of rectangular tiles on a grid of categories, so that a tile can carry a
 * label and a mark (hatching) that XChart's own heat map cannot. Columns and rows are category indices
 * 0..k-1; the axes show their labels.
 */
final class TileChart {
    /**
     * One tile.
     *
     * @param column  column index
     * @param row     row index (0 at the bottom)
     * @param fill    its colour
     * @param label   the text in its centre; empty for none
     * @param hatched whether to hatch it
     */
    record Tile(int column, int row, Color fill, String label, boolean hatched) {
    }

    /**
     * An entry of the legend: a swatch and its text.
     *
     * @param fill    the swatch's colour
     * @param text    its text
     * @param hatched whether the swatch is hatched
     */
    record Key(Color fill, String text, boolean hatched) {
    }

    private TileChart() {
    }

    /** The tile size in pixels, known once the chart's axes have been laid out. */
    private static final class Size {
        double width;
        double height;
    }

    /**
     * Draws the tiles.
     *
     * @param columns column labels, left to right
     * @param rows    row labels, bottom to top
     * @param keys    legend entries; none hides the legend
     */
    static Figure render(String title, String xTitle, String yTitle, List<String> columns, List<String> rows,
                         List<Tile> tiles, List<Key> keys, String id, String kind, String alt) {
        // wide enough for the tiles, the legend and the title (about 8 pixels per character of the bold title font)
        int width = Math.max(Math.max(380, 8 * title.length() + 40), 170 + 62 * columns.size() + (keys.isEmpty() ? 0 : 150));
        int height = Math.max(230, 120 + 34 * rows.size());
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        ChartStyle.apply(chart.getStyler());
        ChartStyle.legendRight(chart.getStyler());
        chart.getStyler().setLegendVisible(!keys.isEmpty());
        chart.getStyler().setPlotGridLinesVisible(false).setAxisTicksLineVisible(false);
        chart.getStyler().setXAxisMin(-0.5).setXAxisMax(columns.size() - 0.5).setYAxisMin(-0.5)
                .setYAxisMax(rows.size() - 0.5);
        chart.setCustomXAxisTickLabelsFormatter(x -> label(columns, x));
        chart.setCustomYAxisTickLabelsFormatter(y -> label(rows, y));
        Size size = new Size();
        // legend entries first, at the first tile's place, so that the tiles drawn after them hide them; any point
        // off the grid would stop XChart from putting one tick on every column and row
        int atX = tiles.isEmpty() ? 0 : tiles.get(0).column();
        int atY = tiles.isEmpty() ? 0 : tiles.get(0).row();
        for (Key k : keys) {
            XYSeries s = chart.addSeries(k.text(), new double[]{atX}, new double[]{atY});
            s.setMarker(new TileMarker(k.fill(), "", k.hatched(), null)).setMarkerColor(k.fill());
        }
        for (int i = 0; i < tiles.size(); i++) {
            Tile t = tiles.get(i);
            XYSeries s = chart.addSeries("tile " + i, new double[]{t.column()}, new double[]{t.row()});
            s.setMarker(new TileMarker(t.fill(), t.label(), t.hatched(), size)).setMarkerColor(t.fill());
            s.setShowInLegend(false);
        }
        chart.getSeriesMap().values().forEach(s -> s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter));
        // lay the chart out once to learn how many pixels one category spans
        BufferedImage scratch = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            chart.paint(g, width, height);
        } finally {
            g.dispose();
        }
        size.width = Math.abs(chart.getScreenXFromChart(1) - chart.getScreenXFromChart(0));
        size.height = Math.abs(chart.getScreenYFromChart(1) - chart.getScreenYFromChart(0));
        // ticks one category apart: XChart keeps the smallest step whose spacing reaches the hint, so a hint between
        // half a category and one gives a tick on every category and none between (a blank label hides them all)
        chart.getStyler().setXAxisTickMarkSpacingHint((int) (0.75 * size.width))
                .setYAxisTickMarkSpacingHint((int) (0.75 * size.height));
        return ChartStyle.render(chart, id, kind, alt);
    }

    /**
     * The label of the category at {@code at}. A tick between categories gets an invisible label (zero-width
     * spaces) that differs from every other, since XChart keeps recomputing the ticks while two labels are equal
     * and shows none when a label is blank.
     */
    private static String label(List<String> labels, double at) {
        long i = Math.round(at);
        if (Math.abs(at - i) < 1e-9 && i >= 0 && i < labels.size()) {
            return labels.get((int) i);
        }
        return "\u200B".repeat(1 + (int) Math.max(0, Math.round(4 * at) + 4));
    }

    /** The tile: a filled rectangle the size of one category, with its label and optional hatching. */
    private static final class TileMarker extends Marker {
        private static final BasicStroke HATCH = new BasicStroke(1.1f);
        private static final BasicStroke OUTLINE = new BasicStroke(0.6f);
        private final Color fill;
        private final String label;
        private final boolean hatched;
        private final Size size;

        TileMarker(Color fill, String label, boolean hatched, Size size) {
            this.fill = fill;
            this.label = label;
            this.hatched = hatched;
            this.size = size;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            double w = size == null ? 1.6 * markerSize : Math.max(1, size.width - 2);
            double h = size == null ? 1.6 * markerSize : Math.max(1, size.height - 2);
            Rectangle2D r = new Rectangle2D.Double(x - w / 2, y - h / 2, w, h);
            Color previousColour = g.getColor();
            java.awt.Stroke previousStroke = g.getStroke();
            Shape previousClip = g.getClip();
            g.setColor(fill);
            g.fill(r);
            if (size == null) {
                // a legend swatch: outlined, since the lightest colours barely show on white
                g.setStroke(OUTLINE);
                g.setColor(Color.GRAY);
                g.draw(r);
            }
            boolean dark = 0.299 * fill.getRed() + 0.587 * fill.getGreen() + 0.114 * fill.getBlue() < 140;
            if (hatched) {
                g.clip(r);
                g.setStroke(HATCH);
                g.setColor(dark ? new Color(255, 255, 255, 150) : new Color(0, 0, 0, 110));
                for (double d = -h; d < w; d += 6) {
                    g.draw(new Line2D.Double(r.getX() + d, r.getMaxY(), r.getX() + d + h, r.getY()));
                }
                g.setClip(previousClip);
            }
            if (!label.isEmpty()) {
                g.setFont(ChartStyle.TEXT);
                FontMetrics m = g.getFontMetrics();
                double tx = x - m.stringWidth(label) / 2.0;
                double ty = y + (m.getAscent() - m.getDescent()) / 2.0;
                if (hatched) {
                    // a plain box behind the text keeps it readable over the hatching
                    g.setColor(fill);
                    g.fill(new Rectangle2D.Double(tx - 2, y - m.getAscent() / 2.0 - 2, m.stringWidth(label) + 4,
                            m.getAscent() + 4));
                }
                g.setColor(dark ? Color.WHITE : Color.BLACK);
                g.drawString(label, (float) tx, (float) ty);
            }
            g.setColor(previousColour);
            g.setStroke(previousStroke);
        }
    }
}
