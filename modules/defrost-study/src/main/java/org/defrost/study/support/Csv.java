package org.defrost.study.support;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tidy tables as RFC 4180 CSV: a header row from the first row's keys, numbers unquoted, NaN written as
 * {@code NaN}, an absent value as an empty cell; cells holding commas, quotes or line breaks are quoted.
 */
public final class Csv {
    private Csv() {
    }

    /** Writes {@code rows} (all with the same keys, in the same order) to {@code file}; no rows give an empty file. */
    public static void write(Path file, List<? extends Map<String, ?>> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (rows.isEmpty()) {
                return;
            }
            List<String> header = List.copyOf(rows.get(0).keySet());
            w.write(String.join(",", header.stream().map(Csv::cell).toList()));
            w.write('\n');
            for (Map<String, ?> row : rows) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < header.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    sb.append(cell(row.get(header.get(i))));
                }
                w.write(sb.append('\n').toString());
            }
        }
    }

    /**
     * Reads a table written by {@link #write}: one map per row, keyed by the header, values as text (quoted
     * cells unquoted). An empty file has no rows.
     *
     * @throws IOException when a row has another number of cells than the header
     */
    public static List<Map<String, String>> read(Path file) throws IOException {
        List<List<String>> records = parse(Files.readString(file, StandardCharsets.UTF_8));
        List<Map<String, String>> rows = new ArrayList<>();
        if (records.isEmpty()) {
            return rows;
        }
        List<String> header = records.get(0);
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            if (cells.size() != header.size()) {
                throw new IOException(file + ": row " + r + " has " + cells.size() + " cells, the header " + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
                continue;
            }
            any = true;
            switch (c) {
                case '"' -> quoted = true;
                case ',' -> {
                    record.add(cell.toString());
                    cell.setLength(0);
                }
                case '\r' -> { }
                case '\n' -> {
                    record.add(cell.toString());
                    cell.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                    any = false;
                }
                default -> cell.append(c);
            }
        }
        if (any) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return Double.isNaN(d) ? "NaN" : Double.toString(d);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        String s = v.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
