package org.defrost.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.defrost.report.model.Protocol;
import org.defrost.report.model.TransferResults;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The report's look: one colour per initialisation and per protocol everywhere, an ordered palette for
 * matrix cells, plain fonts on white, and PNG rendering.
 */
public final class ChartStyle {
    /** Layers above re-initialised. */
    public static final Color RANDOM = new Color(0x1f77b4);
    /** Layers above fine-tuned from the source network. */
    public static final Color PRETRAINED = new Color(0xe6550d);
    private static final Color SCRATCH = new Color(0x636363);
    private static final Color CLASSIC = new Color(0x756bb1);
    private static final Color FULL_FINE_TUNING = new Color(0x31a354);
    private static final Color OTHER = new Color(0x8c564b);
    /** Viridis from dark purple to green (its light yellow end is too pale on white). */
    private static final Color[] CELL_RAMP = {new Color(0x440154), new Color(0x3b528b), new Color(0x21918c),
            new Color(0x5ec962), new Color(0xaadc32)};
    /** Pale yellow to dark blue (YlGnBu), for heat maps whose cells carry dark value labels. */
    static final Color[] HEAT_RAMP = {new Color(0xffffd9), new Color(0xc7e9b4), new Color(0x7fcdbb),
            new Color(0x41b6c4), new Color(0x1d91c0)};
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /** Titles of the panels of a small-multiples figure. */
    static final Font PANEL_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 11);
    /** Dashed line for secondary series (training loss). */
    static final BasicStroke DASHED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[]{4f, 3f}, 0f);
    static final BasicStroke SOLID = new BasicStroke(2f);
    /** Charts are drawn at this multiple of their display size. */
    private static final int SCALE = 2;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartStyle() {
    }

    /** The colour of an initialisation. */
    public static Color init(String init) {
        return switch (init) {
            case TransferResults.RANDOM -> RANDOM;
            case TransferResults.PRETRAINED -> PRETRAINED;
            default -> OTHER;
        };
    }

    /** The colour of a protocol; the best-ℓ protocols take their initialisation's colour. */
    public static Color protocol(Protocol p) {
        return switch (p) {
            case SCRATCH -> SCRATCH;
            case CLASSIC -> CLASSIC;
            case BEST_RANDOM -> RANDOM;
            case BEST_PRETRAINED -> PRETRAINED;
            case FULL_FINE_TUNING -> FULL_FINE_TUNING;
        };
    }

    /** The colour of matrix cell {@code index} of {@code count}, ordered from dark to light. */
    public static Color cell(int index, int count) {
        double t = count <= 1 ? 0.5 : (double) index / (count - 1);
        return ramp(CELL_RAMP, t);
    }

    /** Linear interpolation along a colour ramp, {@code t} in [0, 1]. */
    static Color ramp(Color[] ramp, double t) {
        double x = Math.max(0, Math.min(1, t)) * (ramp.length - 1);
        int i = Math.min((int) x, ramp.length - 2);
        double f = x - i;
        Color a = ramp[i];
        Color b = ramp[i + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /** White background, plain fonts, light grid, legend below the plot. */
    static void apply(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(TITLE);
        s.setChartFontColor(Color.DARK_GRAY);
        s.setAxisTitleFont(TEXT);
        s.setAxisTickLabelsFont(SMALL);
        s.setLegendFont(SMALL);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setPlotGridLinesColor(new Color(0xe0e0e0));
        s.setChartPadding(8);
        s.setMarkerSize(7);
        s.setErrorBarsColorSeriesColor(true);
        s.setToolTipsEnabled(false);
        s.setAntiAlias(true);
    }

    /** A vertical legend to the right of the plot, for charts with more entries than fit in a row below it. */
    static void legendRight(Styler s) {
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
    }

    /** Tick labels for test errors and similarities: as many decimals as the ticks need, up to 3. */
    static final String VALUE_PATTERN = "0.0##";

    /** Draws {@code chart} at twice its size into a PNG. */
    static Figure render(Chart<?, ?> chart, String id, String kind, String alt) {
        return renderGrid(java.util.List.of(chart), 1, id, kind, alt);
    }

    /**
     * Draws charts as small multiples in one image, row by row, {@code columns} to a row, each in a cell as large as
     * the largest chart; as {@link #render}, at {@link #SCALE} times the display size.
     */
    static Figure renderGrid(java.util.List<? extends Chart<?, ?>> charts, int columns, String id, String kind,
                             String alt) {
        int cw = charts.stream().mapToInt(Chart::getWidth).max().orElse(1);
        int ch = charts.stream().mapToInt(Chart::getHeight).max().orElse(1);
        int cols = Math.max(1, Math.min(columns, charts.size()));
        int w = cw * cols;
        int h = ch * ((charts.size() + cols - 1) / cols);
        BufferedImage image = new BufferedImage(w * SCALE, h * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w * SCALE, h * SCALE);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.scale(SCALE, SCALE);
            for (int i = 0; i < charts.size(); i++) {
                Chart<?, ?> chart = charts.get(i);
                Graphics2D cell = (Graphics2D) g.create(cw * (i % cols), ch * (i / cols), chart.getWidth(), chart.getHeight());
                try {
                    chart.paint(cell, chart.getWidth(), chart.getHeight());
                } finally {
                    cell.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return new Figure(id, kind, alt, png(image, id), w, h);
    }

    /**
     * The image as PNG at ImageIO's default deflate level: the strongest level saves about a tenth of the bytes but
     * takes three times as long to encode.
     */
    private static byte[] png(BufferedImage image, String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode chart " + id + " as PNG", e);
        }
        return out.toByteArray();
    }
}
