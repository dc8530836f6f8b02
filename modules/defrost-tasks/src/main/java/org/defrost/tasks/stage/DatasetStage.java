package org.defrost.tasks.stage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.defrost.spi.ParameterBinder;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.data.CsvDataset;
import org.defrost.tasks.data.CsvLayout;
import org.defrost.tasks.data.Dataset;
import org.defrost.tasks.data.DatasetPart;
import org.defrost.tasks.data.DatasetTaskPairBuilder;
import org.defrost.tasks.data.DatasetTaskPairParameters;
import org.defrost.tasks.data.FashionMnist;
import org.defrost.tasks.data.IdxDataset;
import org.defrost.tasks.data.NpyDataset;

/**
 * {@code dataset}: builds a task pair from a labelled dataset (Fashion-MNIST as Debian installs it, or IDX,
 * NumPy or CSV files): a class split, a relabelling or an input change, one per seed.
 */
public final class DatasetStage implements Stage {
    private static final ParameterBinder<DatasetTaskPairParameters> BINDER = DatasetTaskPairParameters::of;

    /** Where the data is and how it is stored; the task pair's own parameters follow. */
    private static final List<ParameterSpec> DATA = List.of(
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
                    .withRange(2, 100_000),
            ParameterSpec.string("csvLabelColumn", "label",
                    "CSV: name (with a header) or 0-based index of the label column; -1 is the last."),
            ParameterSpec.bool("csvHeader", true, "CSV: whether the first row names the columns."));

    @Override
    public StageDescriptor descriptor() {
        return new StageDescriptor("dataset", "1",
                "Builds a source/target task pair from a labelled dataset. Class split: source and target use "
                        + "different classes; relabelling: the same classes grouped differently; input change: noise, a "
                        + "fixed pixel permutation or a rotation of the target's inputs. Inputs are standardised with "
                        + "statistics of the source training set only. Formats: fashion-mnist (Debian's "
                        + "dataset-fashion-mnist package), idx (MNIST-family files, plain or gzip), npy (inputs and labels "
                        + "arrays), csv (one row per example with a label column).",
                Stream.concat(DATA.stream(), DatasetTaskPairParameters.SPECS.stream()).toList(),
                List.of(), List.of(TaskArtifacts.TASK_PAIR, TaskArtifacts.SOURCE_TASK), StageScope.EACH_SEED);
    }

    @Override
    public List<ParameterProblem> validate(Parameters p) {
        List<ParameterProblem> problems = BINDER.problems(p);
        if (!problems.isEmpty()) {
            return problems;
        }
        String format = p.getString("format");
        if (!format.equals("fashion-mnist") && p.getString("trainInputs").isEmpty()) {
            return List.of(new ParameterProblem("trainInputs", "format " + format + " needs trainInputs"));
        }
        if ((format.equals("idx") || format.equals("npy")) && p.getString("trainLabels").isEmpty()) {
            return List.of(new ParameterProblem("trainLabels", "format " + format + " needs trainLabels"));
        }
        return List.of();
    }

    /** A task pair's target pool has {@code targetPoolSize} rows. */
    @Override
    public Map<String, Long> outputSizes(String kind, Parameters p) {
        return kind.equals(TaskArtifacts.TASK_PAIR) ? Map.of(TaskPair.TARGET_POOL_SIZE, (long) pairParameters(p).targetPoolSize()) : Map.of();
    }

    /** Whole inputs as float32 plus the task pair's copies, in bytes. */
    @Override
    public long estimatedMemoryBytes(Parameters p) {
        DatasetTaskPairParameters d = BINDER.bind(p);
        long rows = (long) d.sourceTrainSize() + d.targetPoolSize() + 4L * d.probeSize() + 70_000;
        return rows * 28 * 28 * Float.BYTES * 2;
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        Parameters p = ctx.parameters();
        ctx.progress().status("reading " + p.getString("format") + " data");
        Dataset data = load(p, ctx);
        var pairOut = ctx.output(TaskArtifacts.TASK_PAIR);
        TaskPair pair = DatasetTaskPairBuilder.build(data, BINDER.bind(p), ctx.seed().derive("pair"), pairOut.directory());
        TaskArtifacts.finish(pair, pairOut, ctx.output(TaskArtifacts.SOURCE_TASK));
    }

    private static Dataset load(Parameters p, StageContext ctx) throws IOException {
        String format = p.getString("format");
        if (format.equals("fashion-mnist")) {
            return FashionMnist.load(Path.of(p.getString("directory")));
        }
        int classes = p.getInt("classes");
        DatasetPart train = part(p, format, "trainInputs", "trainLabels", classes);
        List<String> names = Dataset.numberedClasses(classes);
        String name = Path.of(p.getString("trainInputs")).getFileName().toString();
        if (p.getString("testInputs").isEmpty()) {
            return Dataset.holdOut(name, train, names, p.getInt("testRows"), ctx.seed().derive("hold-out"));
        }
        return Dataset.of(name, train, part(p, format, "testInputs", "testLabels", classes), names);
    }

    private static DatasetPart part(Parameters p, String format, String inputs, String labels, int classes)
            throws IOException {
        Path x = Path.of(p.getString(inputs));
        return switch (format) {
            case "idx" -> IdxDataset.read(x, Path.of(p.getString(labels)), classes);
            case "npy" -> NpyDataset.read(x, Path.of(p.getString(labels)), classes);
            default -> CsvDataset.read(x, new CsvLayout(p.getBoolean("csvHeader"), p.getString("csvLabelColumn"), ','), classes);
        };
    }
}
