package org.defrost.study.support;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.spi.CsvTable;

/**
 * Tidy tables from rows of values, stored as {@link CsvTable}: a header row from the first row's keys, numbers
 * unquoted, NaN written as {@code NaN}, an absent value as an empty cell.
 */
public final class Csv {
    private Csv() {
    }

    /** Writes {@code rows} (all with the same keys, in the same order) to {@code file}; no rows give an empty file. */
    public static void write(Path file, List<? extends Map<String, ?>> rows) throws IOException {
        List<String> header = rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).keySet());
        List<Map<String, String>> text = new ArrayList<>(rows.size());
        for (Map<String, ?> row : rows) {
            Map<String, String> cells = new LinkedHashMap<>();
            row.forEach((column, value) -> cells.put(column, value == null ? "" : value.toString()));
            text.add(cells);
        }
        new CsvTable(header, text).write(file);
    }

    /**
     * A record as a table row: one column per component, named like it, in declaration order, holding the component's
     * value (written by {@link #write} with {@code toString()}).
     */
    public static Map<String, Object> row(Record record) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            try {
                c.getAccessor().setAccessible(true);
                row.put(c.getName(), c.getAccessor().invoke(record));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass().getName(), e);
            }
        }
        return row;
    }

    /**
     * Reads a table written by {@link #write} ({@link CsvTable#read}): one map per row, keyed by the header, values
     * as text. An empty file has no rows.
     *
     * @throws IOException when a row has another number of cells than the header
     */
    public static List<Map<String, String>> read(Path file) throws IOException {
        return CsvTable.read(file).rows();
    }
}
