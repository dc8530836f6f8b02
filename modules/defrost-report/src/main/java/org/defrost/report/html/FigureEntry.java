package org.defrost.report.html;

/**
 * A figure as listed in {@code report.json}.
 *
 * @param id      the HTML anchor of the figure
 * @param kind    what it shows, e.g. {@code error-vs-depth}
 * @param section the id of the section holding it
 * @param alt     its one-line description
 * @param caption the caption of its group: what to look for
 */
public record FigureEntry(String id, String kind, String section, String alt, String caption) {
}
