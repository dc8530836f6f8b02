package org.defrost.tasks.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.defrost.tasks.InvalidDatasetException;
import org.defrost.tasks.LabelledSet;

/** A labelled part stored as a CSV file laid out as described by {@link CsvLayout}. */
public final class CsvDataset {
    private CsvDataset() {
    }

    /**
     * Reads one part.
     *
     * @param classes number of declared classes K; labels must be whole numbers in {@code 0..K-1}
     * @throws InvalidDatasetException naming the file and line for a missing file, an unknown label column,
     *                                 a row with the wrong number of fields, a non-numeric or non-finite
     *                                 value, or a label that is not a whole number in the classes
     */
    public static DatasetPart read(Path file, CsvLayout layout, int classes) throws IOException {
        DataChecks.requireClassCount(classes);
        Pattern split = Pattern.compile(Pattern.quote(String.valueOf(layout.separator())));
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            String[] names = null;
            int columns = -1;
            int labelAt = -1;
            float[] values = new float[1024];
            int[] labels = new int[64];
            int rows = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = split.split(line.strip(), -1);
                if (columns < 0) {
                    columns = fields.length;
                    if (columns < 2) {
                        throw new InvalidDatasetException(file, "line " + lineNo + ": " + columns
                                + " column; need a label column and at least one feature");
                    }
                    names = layout.header() ? trimmed(fields) : null;
                    labelAt = labelIndex(file, layout.labelColumn(), names, columns);
                    if (layout.header()) {
                        continue;
                    }
                }
                if (fields.length != columns) {
                    throw new InvalidDatasetException(file, "line " + lineNo + ": " + fields.length
                            + " fields, expected " + columns);
                }
                int features = columns - 1;
                if ((long) (rows + 1) * features > Integer.MAX_VALUE - 8) {
                    throw new InvalidDatasetException(file, "too many values to hold in one array");
                }
                if ((rows + 1) * features > values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8,
                            Math.max((long) values.length * 2, (long) (rows + 1) * features)));
                }
                if (rows == labels.length) {
                    labels = Arrays.copyOf(labels, labels.length * 2);
                }
                int f = rows * features;
                for (int c = 0; c < columns; c++) {
                    String text = fields[c].trim();
                    if (c == labelAt) {
                        labels[rows] = label(file, lineNo, text, classes);
                        continue;
                    }
                    float v = number(file, lineNo, column(names, c), text);
                    values[f++] = v;
                }
                rows++;
            }
            if (rows == 0) {
                throw new InvalidDatasetException(file, "no data rows");
            }
            int features = columns - 1;
            return new DatasetPart(new LabelledSet(Arrays.copyOf(values, rows * features), Arrays.copyOf(labels, rows),
                    features), new int[] {features}, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidDatasetException(file, "file not found");
        }
    }

    private static String[] trimmed(String[] fields) {
        String[] out = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            out[i] = fields[i].trim();
        }
        return out;
    }

    private static int labelIndex(Path file, String labelColumn, String[] names, int columns)
            throws InvalidDatasetException {
        if (names != null) {
            int at = List.of(names).indexOf(labelColumn.trim());
            if (at >= 0) {
                return at;
            }
        }
        if (!CsvLayout.isIndex(labelColumn)) {
            throw new InvalidDatasetException(file, "no column named '" + labelColumn + "' in the header "
                    + Arrays.toString(names));
        }
        int index = Integer.parseInt(labelColumn.trim());
        int at = index < 0 ? columns + index : index;
        if (at < 0 || at >= columns) {
            throw new InvalidDatasetException(file, "label column index " + index + " is outside the " + columns
                    + " columns");
        }
        return at;
    }

    private static String column(String[] names, int c) {
        return names != null ? "column '" + names[c] + "'" : "column " + c;
    }

    private static float number(Path file, int lineNo, String column, String text) throws InvalidDatasetException {
        float v;
        try {
            v = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new InvalidDatasetException(file, "line " + lineNo + ", " + column + ": '" + text
                    + "' is not a number");
        }
        if (!Float.isFinite(v)) {
            throw new InvalidDatasetException(file, "line " + lineNo + ", " + column + ": non-finite value " + text);
        }
        return v;
    }

    private static int label(Path file, int lineNo, String text, int classes) throws InvalidDatasetException {
        int y;
        try {
            y = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidDatasetException(file, "line " + lineNo + ": label '" + text
                    + "' is not a whole number");
        }
        if (y < 0 || y >= classes) {
            throw new InvalidDatasetException(file, "line " + lineNo + ": label " + y
                    + " is outside the declared classes 0.." + (classes - 1));
        }
        return y;
    }
}
