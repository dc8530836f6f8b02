/**
 * The report's charts, drawn with XChart and embedded as PNG.
 *
 * <p>Why XChart: it is small (one jar, no transitive dependency needed for bitmap output), actively released,
 * draws with plain Java2D so it runs headless (no display on CI; {@code java.awt.headless} is set to true
 * before anything is drawn), and has what the report needs out of the box: error bars on line and bar charts,
 * logarithmic axes and heat maps. JFreeChart would also do, but it is larger and lacks a heat-map chart type.
 * Charts are drawn at twice their display size so that they stay sharp on dense laptop screens; PNG keeps the
 * page small (XChart's SVG output draws every glyph as a path, several times larger).
 */
package org.defrost.report.chart;
