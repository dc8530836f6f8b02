package org.defrost.report.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link Table} row by row from values; numbers are written in full precision. */
public final class TableBuilder {
    private final List<String> columns = new ArrayList<>();
    private final List<Map<String, String>> rows = new ArrayList<>();

    /** Starts a row; put its values with {@link Row#put}. Columns appear in order of first use. */
    public Row row() {
        Row r = new Row();
        rows.add(r.values);
        return r;
    }

    public Table build() {
        return new Table(columns, rows);
    }

    /** The text a value is stored as: {@code Double.toString} for reals (so NaN stays NaN), else toString. */
    public static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** One row under construction. */
    public final class Row {
        private final Map<String, String> values = new LinkedHashMap<>();

        public Row put(String column, Object value) {
            if (!columns.contains(column)) {
                columns.add(column);
            }
            values.put(column, text(value));
            return this;
        }

        /** Puts every entry of {@code values} (e.g. the matrix values of a cell). */
        public Row putAll(Map<String, ?> entries) {
            entries.forEach(this::put);
            return this;
        }
    }
}
