package org.defrost.report.html;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.defrost.report.chart.Figure;

/**
 * Writes the body of one section: headings, paragraphs, groups of figures with a caption, tables. Text
 * arguments are escaped; arguments named {@code html} are inserted as they are.
 */
public final class SectionBuilder {
    private final String id;
    private final String heading;
    private final StringBuilder html = new StringBuilder();
    private final List<FigureEntry> figures = new ArrayList<>();
    private final FigureCounter counter;

    /** Numbers figure groups across the sections of a page. */
    public static final class FigureCounter {
        private int next = 1;

        int take() {
            return next++;
        }
    }

    public SectionBuilder(String id, String heading, FigureCounter counter) {
        this.id = id;
        this.heading = heading;
        this.counter = counter;
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    public SectionBuilder subheading(String text) {
        html.append("<h3>").append(escape(text)).append("</h3>\n");
        return this;
    }

    public SectionBuilder paragraph(String text) {
        html.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A paragraph of trusted markup. */
    public SectionBuilder paragraphHtml(String markup) {
        html.append("<p>").append(markup).append("</p>\n");
        return this;
    }

    public SectionBuilder raw(String markup) {
        html.append(markup);
        return this;
    }

    /**
     * A numbered group of figures laid out in a grid, then its caption (what the figures show and what to
     * look for). Nothing is written for an empty group.
     */
    public SectionBuilder figures(List<Figure> group, String caption) {
        if (group.isEmpty()) {
            return this;
        }
        int number = counter.take();
        html.append("<div class=\"figure-group\">\n<div class=\"grid\">\n");
        for (Figure f : group) {
            html.append("<figure class=\"chart\" id=\"").append(escape(f.id())).append("\" data-kind=\"")
                    .append(escape(f.kind())).append("\"><img src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(f.png())).append("\" width=\"").append(f.width())
                    .append("\" height=\"").append(f.height()).append("\" alt=\"").append(escape(f.alt()))
                    .append("\"></figure>\n");
            figures.add(new FigureEntry(f.id(), f.kind(), id, f.alt(), caption));
        }
        html.append("</div>\n<p class=\"caption\"><strong>Figure ").append(number).append(".</strong> ")
                .append(escape(caption)).append("</p>\n</div>\n");
        return this;
    }

    /**
     * A table. Cells are escaped text.
     *
     * @param name    identifies the table (the {@code data-table} attribute, also its CSV's name)
     * @param header  column headings
     * @param rows    cell texts, each row as long as {@code header}
     * @param numeric per column, whether to right-align it
     */
    public SectionBuilder table(String name, List<String> header, List<List<String>> rows, boolean[] numeric) {
        html.append("<div class=\"table-wrap\"><table data-table=\"").append(escape(name)).append("\">\n<thead><tr>");
        for (int c = 0; c < header.size(); c++) {
            html.append(numeric[c] ? "<th class=\"num\">" : "<th>").append(escape(header.get(c))).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                html.append(numeric[c] ? "<td class=\"num\">" : "<td>").append(escape(row.get(c))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table></div>\n");
        return this;
    }

    /** Starts a collapsible block (closed unless {@code open}); end it with {@link #endDetails}. */
    public SectionBuilder details(String summary, boolean open) {
        html.append(open ? "<details open>" : "<details>").append("<summary>").append(escape(summary))
                .append("</summary>\n");
        return this;
    }

    public SectionBuilder endDetails() {
        html.append("</details>\n");
        return this;
    }

    public Section build() {
        return new Section(id, heading, html.toString(), figures);
    }
}
