package org.defrost.study;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes tidy tables as RFC 4180 CSV: a header row from the first row's keys, numbers unquoted. */
public final class Csv {
    private Csv() {
    }

    /** Writes {@code rows} (all with the same keys, in the same order) to {@code file}. */
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
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
