package org.defrost.report.html;

import static org.defrost.report.html.SectionBuilder.escape;

import java.util.List;

/**
 * The page around the sections: one self-contained HTML file (inline CSS, images as data URIs, no script,
 * nothing fetched), with a table of contents.
 */
public final class ReportPage {
    private static final String CSS = """
            :root { --fg: #222; --muted: #5f6368; --line: #dadce0; --panel: #f4f6f8; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--fg); background: #eef0f2;
                   font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
            main { max-width: 1340px; margin: 0 auto; padding: 20px 32px 64px; background: #fff; min-height: 100vh; }
            h1 { font-size: 1.7em; margin: 0 0 2px; }
            h2 { font-size: 1.35em; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
            h3 { font-size: 1.08em; margin: 22px 0 6px; }
            p { max-width: 100ch; margin: 6px 0; }
            .meta { color: var(--muted); margin: 0 0 12px; }
            nav.toc { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 6px 18px;
                      margin: 12px 0 8px; }
            nav.toc h2 { font-size: 1em; border: 0; margin: 4px 0; padding: 0; }
            nav.toc ol { columns: 3 16em; margin: 2px 0 6px; padding-left: 1.4em; }
            a { color: #1a56a8; }
            ul.answers { padding-left: 1.2em; margin: 4px 0 10px; }
            ul.answers li { margin: 5px 0; max-width: 110ch; }
            .lead { font-weight: 600; }
            .key { color: var(--muted); font-size: 0.93em; }
            .swatch { display: inline-block; width: 0.85em; height: 0.85em; border-radius: 2px; vertical-align: -0.08em;
                      margin: 0 3px 0 8px; }
            .grid { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: flex-start; }
            figure.chart { margin: 0; }
            figure.chart img { max-width: 100%; height: auto; display: block; }
            .caption { font-size: 0.92em; color: #333; margin: 6px 0 18px; max-width: 110ch; }
            .table-wrap { overflow-x: auto; }
            table { border-collapse: collapse; font-size: 0.86em; margin: 6px 0 14px; }
            th, td { padding: 3px 10px; border-bottom: 1px solid #ececec; text-align: left; white-space: nowrap; }
            th { background: var(--panel); }
            .num { text-align: right; font-variant-numeric: tabular-nums; }
            tbody tr:nth-child(even) { background: #fafbfc; }
            pre { background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: 10px 14px;
                  overflow-x: auto; font-size: 0.84em; line-height: 1.4; }
            details { margin: 8px 0; }
            summary { cursor: pointer; font-weight: 600; margin: 4px 0; }
            .note { color: var(--muted); }
            code { font-size: 0.92em; }
            """;

    private ReportPage() {
    }

    /**
     * The complete page.
     *
     * @param title    the page heading
     * @param metaHtml one line of markup under the heading (run id, pipeline, date)
     * @param sections the sections, in order
     */
    public static String render(String title, String metaHtml, List<Section> sections) {
        StringBuilder sb = new StringBuilder(1 << 20);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<main>\n<header>\n<h1>").append(escape(title)).append("</h1>\n")
                .append("<p class=\"meta\">").append(metaHtml).append("</p>\n</header>\n")
                .append("<nav class=\"toc\"><h2>Contents</h2><ol>\n");
        for (Section s : sections) {
            sb.append("<li><a href=\"#").append(escape(s.id())).append("\">").append(escape(s.heading()))
                    .append("</a></li>\n");
        }
        sb.append("</ol></nav>\n");
        for (Section s : sections) {
            sb.append("<section id=\"").append(escape(s.id())).append("\">\n<h2>").append(escape(s.heading()))
                    .append("</h2>\n").append(s.html()).append("</section>\n");
        }
        return sb.append("</main>\n</body>\n</html>\n").toString();
    }
}
