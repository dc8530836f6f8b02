package org.defrost.report.html;

import static org.defrost.report.html.SectionBuilder.escape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.defrost.report.Provenance;
import org.defrost.report.model.Formats;
import org.defrost.report.table.Table;

/** The tables section (every published table, collapsed) and the provenance section. */
public final class DataSections {
    private DataSections() {
    }

    /**
     * Links to every CSV file and, collapsed, the tables not shown elsewhere.
     *
     * @param tables every published table by name
     * @param shown  names of the tables to render here (large ones are only linked)
     */
    public static Section tables(Map<String, Table> tables, List<String> shown, SectionBuilder.FigureCounter counter) {
        SectionBuilder b = new SectionBuilder("tables", "Tables", counter);
        StringBuilder links = new StringBuilder("Every table is also written beside this page, with full precision: ");
        List<String> names = new ArrayList<>(tables.keySet());
        for (int i = 0; i < names.size(); i++) {
            String file = "tables/" + names.get(i) + ".csv";
            links.append(i == 0 ? "" : ", ").append("<a href=\"").append(escape(file)).append("\"><code>")
                    .append(escape(file)).append("</code></a>");
        }
        b.paragraphHtml(links.append("; <code>report.json</code> holds them all. Below, numbers are rounded to 4 decimals.")
                .toString());
        for (String name : shown) {
            Table t = tables.get(name);
            if (t != null) {
                b.details("Table: " + name + " (" + t.rows().size() + " rows)", false);
                render(b, name, t);
                b.endDetails();
            }
        }
        return b.build();
    }

    /**
     * Renders a table with numbers rounded for reading: reals to 4 decimals, p-values to 2 significant digits,
     * seconds to 1 decimal.
     */
    static void render(SectionBuilder b, String name, Table t) {
        List<String> columns = t.columns();
        boolean[] numeric = new boolean[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            String col = columns.get(c);
            numeric[c] = !t.rows().isEmpty() && t.rows().stream().allMatch(r -> {
                Object v = Table.jsonValue(r.getOrDefault(col, ""));
                return v == null || v instanceof Number;
            });
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, String> r : t.rows()) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                String text = r.getOrDefault(columns.get(c), "");
                Object v = Table.jsonValue(text);
                if (numeric[c] && v instanceof Double d) {
                    text = columns.get(c).startsWith("pValue") ? Formats.pValue(d)
                            : columns.get(c).equals("seconds") ? Formats.seconds(d) : Formats.value(d);
                } else if (numeric[c] && v == null) {
                    text = "–";
                }
                row.add(text);
            }
            rows.add(row);
        }
        b.table(name, columns, rows, numeric);
    }

    /** How the run was made: run, software, seeds, stages with timings, every invocation, the pipeline file. */
    public static Section provenance(Provenance p, Table timings, Table invocations, SectionBuilder.FigureCounter counter) {
        SectionBuilder b = new SectionBuilder("provenance", "Provenance", counter);
        List<List<String>> run = new ArrayList<>();
        run.add(List.of("run", p.runId()));
        run.add(List.of("pipeline", p.pipeline()));
        run.add(List.of("pipeline file", p.pipelineFile()));
        if (!p.startedAt().isEmpty()) {
            run.add(List.of("started", p.startedAt()));
        }
        run.add(List.of("status", p.status().equals("running") ? "running (report written during the run)" : p.status()));
        if (!Double.isNaN(p.seconds())) {
            run.add(List.of("duration", Formats.seconds(p.seconds()) + " s"));
        }
        p.software().forEach((k, v) -> run.add(List.of("software: " + k, v)));
        b.table("run", List.of("item", "value"), run, new boolean[]{false, false});
        b.paragraph(seeds(p));
        long computed = p.invocations().stream().filter(i -> i.status().equals("computed")).count();
        long reused = p.invocations().stream().filter(i -> i.status().equals("cached")).count();
        b.paragraph(p.invocations().size() + " stage invocations in the run record: " + computed
                + " computed, " + reused + " reused (found in the workspace with the same stage version, parameters, "
                + "inputs and seed, made by an earlier run or by another matrix cell of this one). Seconds are summed "
                + "over invocations, which may run in parallel.");
        b.subheading("Stages");
        render(b, "stage-timings", timings);
        b.details("Every invocation and its artifacts (" + invocations.rows().size() + " rows)", false);
        render(b, "invocations", invocations);
        b.endDetails();
        b.subheading("Pipeline file as run");
        b.raw("<pre>" + escape(p.pipelineText()) + "</pre>\n");
        return b.build();
    }

    private static String seeds(Provenance p) {
        TreeSet<Integer> indices = new TreeSet<>();
        p.invocations().forEach(i -> {
            if (i.seedIndex() >= 0) {
                indices.add(i.seedIndex());
            }
        });
        StringBuilder sb = new StringBuilder("Seeds: ");
        sb.append(p.baseSeed() == null ? "no base seed in the pipeline file" : "base seed " + p.baseSeed());
        Integer count = p.seedCount();
        if (count != null) {
            sb.append(", ").append(count).append(count == 1 ? " seed" : " seeds");
        }
        if (!indices.isEmpty()) {
            sb.append(" (indices ").append(indices.first()).append("–").append(indices.last()).append(')');
        }
        return sb.append(". Every invocation and work unit derives its own seed from these; each artifact's "
                + "manifest.json records it.").toString();
    }
}
