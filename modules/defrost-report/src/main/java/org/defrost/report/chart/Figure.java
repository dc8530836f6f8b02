package org.defrost.report.chart;

/**
 * One drawn chart, ready to embed.
 *
 * @param id      unique within the report; the HTML anchor
 * @param kind    what the chart shows (e.g. {@code error-vs-depth}); every chart of one kind is drawn alike
 * @param alt     a one-line text alternative
 * @param png     the PNG image, drawn at twice {@link #width} × {@link #height} for sharp display on dense screens
 * @param width   display width in CSS pixels
 * @param height  display height in CSS pixels
 */
public record Figure(String id, String kind, String alt, byte[] png, int width, int height) {
}
