package org.defrost.report.table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defrost.spi.CsvTable;

/**
 * A tidy table of text cells, as read from or written to RFC 4180 CSV (header row, one record per line,
 * quoted fields where needed). Values stay text so that a number is written back exactly as it was read;
 * {@link #number} and {@link #integer} parse on access.
 */
public final class Table {
    private final List<String> columns;
    private final List<Map<String, String>> rows;

    /**
     * A table with the given columns; each row maps column names to cell text (a missing column reads as
     * the empty string).
     */
    public Table(List<String> columns, List<? extends Map<String, String>> rows) {
        this.columns = List.copyOf(columns);
        List<Map<String, String>> copy = new ArrayList<>(rows.size());
        for (Map<String, String> r : rows) {
            copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(r)));
        }
        this.rows = Collections.unmodifiableList(copy);
    }

    /** The empty table without columns. */
    public static Table empty() {
        return new Table(List.of(), List.of());
    }

    /** Reads a CSV file ({@link CsvTable#read}); an empty file gives the empty table. */
    public static Table read(Path csv) throws IOException {
        CsvTable t = CsvTable.read(csv);
        return new Table(t.columns(), t.rows());
    }

    /** {@link #read}, or the empty table when there is no such file. */
    public static Table readIfPresent(Path csv) throws IOException {
        return Files.exists(csv) ? read(csv) : empty();
    }

    public List<String> columns() {
        return columns;
    }

    public List<Map<String, String>> rows() {
        return rows;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * This table with a column {@code name} computed from each row, placed right after column {@code after} (at the
     * end when there is no such column); this table is not modified.
     */
    public Table withColumnAfter(String after, String name, java.util.function.Function<Map<String, String>, String> value) {
        List<String> cols = new ArrayList<>(columns);
        int at = cols.indexOf(after);
        cols.add(at < 0 ? cols.size() : at + 1, name);
        List<Map<String, String>> out = new ArrayList<>(rows.size());
        for (Map<String, String> r : rows) {
            Map<String, String> copy = new LinkedHashMap<>(r);
            copy.put(name, value.apply(r));
            out.add(copy);
        }
        return new Table(cols, out);
    }

    /** This table's rows followed by {@code other}'s; the columns are the union, in order of first appearance. */
    public Table concat(Table other) {
        Set<String> all = new LinkedHashSet<>(columns);
        all.addAll(other.columns);
        List<Map<String, String>> both = new ArrayList<>(rows);
        both.addAll(other.rows);
        return new Table(new ArrayList<>(all), both);
    }

    /** Writes the table as CSV (header row first, {@link CsvTable#write}); a table without columns gives an empty file. */
    public void write(Path csv) throws IOException {
        new CsvTable(columns, rows).write(csv);
    }

    /** The cell as a number; NaN when it is empty or {@code NaN}. */
    public static double number(Map<String, String> row, String column) {
        String v = row.get(column);
        if (v == null || v.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column '" + column + "' holds '" + v + "', not a number");
        }
    }

    /** The cell as a whole number (a value written as {@code 3.0} is accepted). */
    public static int integer(Map<String, String> row, String column) {
        double v = number(row, column);
        if (Double.isNaN(v) || v != Math.rint(v)) {
            throw new IllegalArgumentException("column '" + column + "' holds '" + row.get(column) + "', not a whole number");
        }
        return (int) v;
    }

    /**
     * The cell as a JSON-ready value: a whole or real number, true/false, null for empty and NaN cells
     * (JSON has no NaN), else the text.
     */
    public static Object jsonValue(String text) {
        if (text == null || text.isEmpty() || text.equals("NaN")) {
            return null;
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        char first = text.charAt(0);
        if (first == '-' || first == '+' || first == '.' || Character.isDigit(first)) {
            try {
                if (text.matches("[-+]?\\d{1,18}")) {
                    return Long.parseLong(text);
                }
                double d = Double.parseDouble(text);
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException notANumber) {
                return text;
            }
        }
        return text;
    }

    /** The rows with {@link #jsonValue} applied to every cell, for JSON output. */
    public List<Map<String, Object>> jsonRows() {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, String> r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String c : columns) {
                m.put(c, jsonValue(r.getOrDefault(c, "")));
            }
            out.add(m);
        }
        return out;
    }
}
