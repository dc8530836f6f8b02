package org.defrost.tasks.stage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.defrost.spi.ParameterException;
import org.defrost.spi.ParameterParts;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.spi.Seed;
import org.defrost.tasks.data.CsvDataset;
import org.defrost.tasks.data.CsvLayout;
import org.defrost.tasks.data.Dataset;
import org.defrost.tasks.data.DatasetPart;
import org.defrost.tasks.data.FashionMnist;
import org.defrost.tasks.data.IdxDataset;
import org.defrost.tasks.data.ImageDatasets;
import org.defrost.tasks.data.NpyDataset;

/**
 * Where the {@code dataset} stage's data is and how it is stored: the stage's own parameters ({@link #SPECS}),
 * bound. A path parameter left at its empty default is not given.
 *
 * @param format      fashion-mnist, idx, npy or csv
 * @param directory   the Fashion-MNIST directory (format fashion-mnist)
 * @param trainInputs training inputs (other formats)
 * @param trainLabels training labels (idx, npy); empty for csv
 * @param testInputs  test inputs, or empty to hold out {@code testRows} training rows
 * @param testLabels  test labels (idx, npy)
 * @param testRows    rows held out when there are no test files
 * @param classes     classes in the data (labels 0..classes-1)
 * @param csv         how a CSV file is laid out
 */
record DataSource(String format, String directory, String trainInputs, String trainLabels, String testInputs,
                  String testLabels, int testRows, int classes, CsvLayout csv) {

    /** The most classes a dataset may declare. */
    static final int MAX_CLASSES = 100_000;

    /** How a CSV file is laid out ({@link #csvLayout}); shared by the stages that read CSV files. */
    static final List<ParameterSpec> CSV_SPECS = List.of(
            ParameterSpec.string("csvLabelColumn", "label",
                    "CSV: name (with a header) or 0-based index of the label column; -1 is the last."),
            ParameterSpec.bool("csvHeader", true, "CSV: whether the first row names the columns."));

    static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.choice("format", "fashion-mnist", List.of("fashion-mnist", "idx", "npy", "csv"),
                    "How the data is stored."),
            ParameterSpec.path("directory", FashionMnist.DEFAULT_DIRECTORY.toString(),
                    "Directory of the Fashion-MNIST files (format fashion-mnist)."),
            ParameterSpec.path("trainInputs", "", "Training inputs: IDX images, .npy array or CSV file."),
            ParameterSpec.path("trainLabels", "", "Training labels: IDX labels or .npy array (not for csv)."),
            ParameterSpec.path("testInputs", "", "Test inputs; without them, testRows rows of the training data are held out."),
            ParameterSpec.path("testLabels", "", "Test labels (not for csv)."),
            ParameterSpec.integer("testRows", 10_000, "Rows held out for testing when no test files are given.")
                    .withRange(1, 100_000_000),
            ParameterSpec.integer("classes", 10, "Number of classes in the data (labels 0..classes-1).")
                    .withRange(2, MAX_CLASSES),
            CSV_SPECS.get(0), CSV_SPECS.get(1));

    /**
     * Binds the stage's resolved parameters.
     *
     * @throws ParameterException naming each file the format needs that is not given
     */
    static DataSource of(Parameters p) {
        String format = p.getString("format");
        ParameterParts parts = new ParameterParts(p);
        if (!format.equals("fashion-mnist") && p.getString("trainInputs").isEmpty()) {
            parts.refuse("trainInputs", "format " + format + " needs trainInputs");
        }
        if ((format.equals("idx") || format.equals("npy")) && p.getString("trainLabels").isEmpty()) {
            parts.refuse("trainLabels", "format " + format + " needs trainLabels");
        }
        parts.check();
        return new DataSource(format, p.getString("directory"), p.getString("trainInputs"), p.getString("trainLabels"),
                p.getString("testInputs"), p.getString("testLabels"), p.getInt("testRows"), p.getInt("classes"),
                csvLayout(p));
    }

    /** The CSV layout that {@link #CSV_SPECS} describe. */
    static CsvLayout csvLayout(Parameters p) {
        try {
            return new CsvLayout(p.getBoolean("csvHeader"), p.getString("csvLabelColumn"), ',');
        } catch (IllegalArgumentException e) {
            throw new ParameterException("csvLabelColumn", e.getMessage());
        }
    }

    /**
     * Reads the data; {@code seed} draws the held-out test rows when there are no test files. Grey-scale images
     * (Fashion-MNIST, and IDX files of one 2-D array per example) are declared with their channel, {@code [1, H, W]},
     * the shape a convolutional network sees; the stored values are the same as for {@code [H, W]}.
     */
    Dataset load(Seed seed) throws IOException {
        if (format.equals("fashion-mnist")) {
            return ImageDatasets.fashionMnist(Path.of(directory));
        }
        DatasetPart train = part(trainInputs, trainLabels);
        List<String> names = Dataset.numberedClasses(classes);
        String name = Path.of(trainInputs).getFileName().toString();
        Dataset data = testInputs.isEmpty() ? Dataset.holdOut(name, train, names, testRows, seed)
                : Dataset.of(name, train, part(testInputs, testLabels), names);
        return format.equals("idx") && data.inputShape().length == 2 ? ImageDatasets.asImages(data, 1) : data;
    }

    private DatasetPart part(String inputs, String labels) throws IOException {
        Path x = Path.of(inputs);
        return switch (format) {
            case "idx" -> IdxDataset.read(x, Path.of(labels), classes);
            case "npy" -> NpyDataset.read(x, Path.of(labels), classes);
            default -> CsvDataset.read(x, csv, classes);
        };
    }
}
