package org.defrost.report.html;

import java.util.List;

/**
 * One section of the page.
 *
 * @param id      HTML anchor, listed in the table of contents
 * @param heading the section's title
 * @param html    its body
 * @param figures the figures it holds
 */
public record Section(String id, String heading, String html, List<FigureEntry> figures) {
    public Section {
        figures = List.copyOf(figures);
    }
}
