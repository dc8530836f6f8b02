package org.defrost.tasks.data;

/**
 * How a CSV file of labelled examples is laid out: one example per line, numeric fields only (no
 * quoting), blank lines ignored. One column holds the integer class label; every other column, in file
 * order, is an input feature.
 *
 * @param header      whether the first line names the columns
 * @param labelColumn the label column: a name from the header, or a 0-based index (negative counts from
 *                    the end, {@code -1} is the last column)
 * @param separator   field separator, usually {@code ','}
 */
public record CsvLayout(boolean header, String labelColumn, char separator) {

    /** A header line, labels in the column named {@code label}, comma-separated (Kaggle's MNIST CSVs). */
    public static final CsvLayout DEFAULT = new CsvLayout(true, "label", ',');

    public CsvLayout {
        if (labelColumn == null || labelColumn.isBlank()) {
            throw new IllegalArgumentException("labelColumn must name a header column or give an index");
        }
        if (!header && !isIndex(labelColumn)) {
            throw new IllegalArgumentException("labelColumn '" + labelColumn
                    + "' must be a column index when the CSV has no header");
        }
    }

    static boolean isIndex(String column) {
        return column.trim().matches("-?\\d+");
    }
}
