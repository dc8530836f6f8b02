package org.defrost.tasks.stage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.defrost.spi.ParameterException;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.ParameterType;
import org.defrost.spi.Parameters;
import org.defrost.tasks.InvalidDatasetException;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.data.CsvDataset;
import org.defrost.tasks.data.CsvLayout;
import org.defrost.tasks.data.DatasetPart;
import org.defrost.tasks.data.FileDigests;
import org.defrost.tasks.data.IdxDataset;
import org.defrost.tasks.data.NpyDataset;
import org.defrost.tasks.data.StratifiedResample;

/**
 * The {@code labelled-data} stage's parameters ({@link #SPECS}), bound: where a practitioner's labelled examples are
 * and how each repetition resamples them.
 *
 * @param inputs       X: a NumPy array (n, features...), an IDX images file, or a CSV file with a label column
 * @param labels       y: a NumPy integer array (n) or an IDX labels file; empty for CSV (the parameter is absent)
 * @param format       npy, idx or csv (auto resolved from the file name)
 * @param classes      K, or 0 to take the largest label + 1
 * @param testFraction share of the examples each repetition holds out for testing
 * @param probeSize    test rows kept as probe inputs for the similarity stage (at most the test set)
 * @param csv          how a CSV file is laid out
 */
record LabelledData(String inputs, String labels, String format, int classes, double testFraction, int probeSize,
                    CsvLayout csv) {

    static final List<ParameterSpec> SPECS = specs();

    private static List<ParameterSpec> specs() {
        List<ParameterSpec> specs = new ArrayList<>(List.of(
                ParameterSpec.path("inputs", null, "X, one example per row: a .npy array of shape (n, features...) in "
                        + "any numeric dtype, an IDX images file (plain or gzip), or a .csv file of numbers with a label "
                        + "column. A .npy array of shape (n, C, H, W) holds images in PyTorch's NCHW order and is "
                        + "reordered to defrost's NHWC rows (docs/practitioner.md). Values are used as is: preprocess "
                        + "them as the source network expects."),
                ParameterSpec.derived("labels", ParameterType.PATH, "none, for csv inputs", "y: a .npy integer array of "
                        + "shape (n) or (n, 1), or an IDX labels file; not for csv, whose labels are a column of the inputs "
                        + "file."),
                ParameterSpec.choice("format", "auto", List.of("auto", "npy", "idx", "csv"),
                        "How the files are stored; auto: npy for .npy, csv for .csv, else idx."),
                ParameterSpec.derived("classes", ParameterType.INTEGER, "largest label + 1",
                        "Number of classes K (labels 0..K-1).").withRange(2, DataSource.MAX_CLASSES),
                ParameterSpec.number("testFraction", 0.2, "Share of the examples each repetition holds out as its test "
                        + "set, stratified by class; the rest is the target pool that fine-tune's sizes draw from.")
                        .withRange(0.01, 0.9),
                ParameterSpec.integer("probeSize", 1000, "Test rows kept as probe inputs for the similarity stage "
                        + "(fewer when the test set is smaller).").withRange(1, 1_000_000)));
        specs.addAll(DataSource.CSV_SPECS);
        return List.copyOf(specs);
    }

    /**
     * Binds the stage's resolved parameters.
     *
     * @throws ParameterException when npy or idx data comes without labels, or csv data with them
     */
    static LabelledData of(Parameters p) {
        String inputs = p.getString("inputs");
        String labels = p.getString("labels", "");
        String format = p.getString("format");
        if (format.equals("auto")) {
            String name = Path.of(inputs).getFileName().toString().toLowerCase(Locale.ROOT);
            format = name.endsWith(".npy") ? "npy" : name.endsWith(".csv") ? "csv" : "idx";
        }
        if (format.equals("csv") && !labels.isEmpty()) {
            throw new ParameterException("labels", "csv inputs hold their labels in a column (csvLabelColumn); leave "
                    + "labels out");
        }
        if (!format.equals("csv") && labels.isEmpty()) {
            throw new ParameterException("labels", "format " + format + " needs a labels file");
        }
        return new LabelledData(inputs, labels, format, p.getInt("classes", 0), p.getDouble("testFraction"),
                p.getInt("probeSize"), DataSource.csvLayout(p));
    }

    /**
     * Reads the examples; labels are checked against {@code classes} when it is given.
     *
     * @throws InvalidDatasetException naming the file for a malformed file, a count mismatch, a non-finite input,
     *                                 a label outside the classes, or labels of a single class
     */
    DatasetPart load() throws IOException {
        int declared = classes > 0 ? classes : DataSource.MAX_CLASSES;
        Path x = Path.of(inputs);
        DatasetPart part = switch (format) {
            case "npy" -> NpyDataset.read(x, Path.of(labels), declared);
            case "idx" -> IdxDataset.read(x, Path.of(labels), declared);
            default -> CsvDataset.read(x, csv, declared);
        };
        if (format.equals("npy") && part.inputShape().length == 3) {
            part = nchwToNhwc(part);
        }
        if (classesOf(part) < 2) {
            throw new InvalidDatasetException(Path.of(labels.isEmpty() ? inputs : labels),
                    "every label is 0: a classification task needs at least two classes");
        }
        return part;
    }

    /**
     * Images given in PyTorch's order, each example {@code C × H × W} with the channel slowest (NCHW), as rows in
     * defrost's order (NHWC, channel fastest); the shape {@code [C, H, W]} is kept. For one channel the orders
     * coincide. This is the only place where labelled-data reorders values: a change to it must change the stage's
     * version, which is part of its keys.
     */
    static DatasetPart nchwToNhwc(DatasetPart part) {
        int[] shape = part.inputShape();
        int channels = shape[0];
        int pixels = shape[1] * shape[2];
        LabelledSet in = part.samples();
        int features = in.features();
        float[] out = new float[in.inputs().length];
        for (int r = 0; r < in.size(); r++) {
            int base = r * features;
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < pixels; p++) {
                    out[base + p * channels + c] = in.inputs()[base + c * pixels + p];
                }
            }
        }
        return new DatasetPart(new LabelledSet(out, in.labels(), features), shape, part.origin());
    }

    /** K: the declared classes, else the largest label + 1. */
    int classesOf(DatasetPart part) {
        if (classes > 0) {
            return classes;
        }
        int max = 0;
        for (int y : part.samples().labels()) {
            max = Math.max(max, y);
        }
        return max + 1;
    }

    /** Rows of the target pool for {@code examples} examples: those the test set leaves. */
    int poolSize(int examples) {
        return examples - StratifiedResample.testSize(examples, testFraction);
    }

    /** The digests of the files read, for the stage's keys. */
    Map<String, String> digests() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("inputs", FileDigests.of(Path.of(inputs)));
        if (!labels.isEmpty()) {
            out.put("labels", FileDigests.of(Path.of(labels)));
        }
        return out;
    }
}
