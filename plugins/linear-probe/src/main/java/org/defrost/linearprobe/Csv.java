package org.defrost.linearprobe;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tidy tables as CSV: a header row from the first row's keys, then one line per row. */
final class Csv {
    private Csv() {
    }

    /** Writes {@code rows} (all with the same keys in the same order) to {@code file}. */
    static void write(Path file, List<? extends Map<String, ?>> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (rows.isEmpty()) {
                return;
            }
            List<String> header = List.copyOf(rows.get(0).keySet());
            w.write(String.join(",", header.stream().map(Csv::cell).toList()) + "\n");
            for (Map<String, ?> row : rows) {
                w.write(String.join(",", header.stream().map(h -> cell(row.get(h))).toList()) + "\n");
            }
        }
    }

    /** Reads a table written by {@link #write} whose cells hold no commas or quotes. */
    static List<Map<String, String>> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Map<String, String>> rows = new ArrayList<>();
        if (lines.isEmpty()) {
            return rows;
        }
        String[] header = lines.get(0).split(",", -1);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                throw new IOException(file + ": a row has " + cells.length + " cells, the header " + header.length);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static String cell(Object v) {
        String s = v == null ? "" : v.toString();
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
