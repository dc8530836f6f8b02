package org.defrost.tasks.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
import org.defrost.spi.Seed;
import org.defrost.tasks.Gaussian;
import org.defrost.tasks.InvalidDatasetException;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairManifest.TaskDescription;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.TaskPairWriter;
import org.defrost.tasks.TaskRole;

/**
 * Builds a task pair from a labelled dataset, in the task-pair layout.
 *
 * <p>Rows: the training part is shuffled with stream {@code seed/train-order}; walking it, a row goes to
 * the source training set while that needs rows and the row's class is one of the source's, otherwise to
 * the target pool while that needs rows and the class is one of the target's. Source and target training
 * rows are therefore disjoint, and the target pool is in shuffled order, so target training sets (its
 * prefixes) are nested random subsets. The test part is shuffled with {@code seed/test-order}; each test
 * set takes the first rows in its task's classes, and each probe set the first {@code probeSize} of them
 * (probes may thus repeat test rows; they are only fed forward). Paired probes exist when both tasks use
 * the same classes: row i of each view is the same dataset image.
 *
 * <p>Inputs: source inputs are standardised; target inputs are permuted or rotated (raw values), then
 * standardised, then get noise (stream {@code seed/target-noise/<file>/<row>}). Standardisation statistics
 * come from the source training rows only. The dataset row behind each stored row is recorded under
 * {@code dataset_rows/}.
 * The source's files depend only on the dataset, the seed and the source-side parameters.
 */
public final class DatasetTaskPairBuilder {
    /** The {@code generator} name written to {@code task-pair.json}. */
    public static final String GENERATOR = "dataset";
    private static final int BLOCK_ROWS = 1024;

    private DatasetTaskPairBuilder() {
    }

    /**
     * Builds the pair into {@code directory} and returns it read back.
     *
     * @throws IllegalArgumentException naming the parameter if a grouping uses a class the dataset lacks
     * @throws InvalidDatasetException  if the dataset cannot supply a requested size, or a rotation is asked
     *                                  of inputs that are not square images
     */
    public static TaskPair build(Dataset data, DatasetTaskPairParameters p, Seed seed, Path directory)
            throws IOException {
        int classes = data.classes();
        p.sourceGroups().check("sourceGroups", classes);
        p.targetGroups().check("targetGroups", classes);
        int n = data.train().features();
        int side = p.inputChange().kind() == InputChange.Kind.ROTATION ? squareSide(data) : 0;
        int[] sourceLabel = p.sourceGroups().labelTable(classes);
        int[] targetLabel = p.targetGroups().labelTable(classes);

        int[] trainOrder = Dataset.permutation(data.train().size(), seed.derive("train-order").generator());
        int[][] training = splitTraining(data, p, trainOrder, sourceLabel, targetLabel);
        int[] testOrder = Dataset.permutation(data.test().size(), seed.derive("test-order").generator());
        int[] sourceTest = firstEligible(data, testOrder, sourceLabel, p.sourceTestSize(), "sourceTestSize",
                TaskRole.SOURCE);
        int[] targetTest = firstEligible(data, testOrder, targetLabel, p.targetTestSize(), "targetTestSize",
                TaskRole.TARGET);
        int[] sourceProbes = firstEligible(data, testOrder, sourceLabel, p.probeSize(), "probeSize", TaskRole.SOURCE);
        int[] targetProbes = firstEligible(data, testOrder, targetLabel, p.probeSize(), "probeSize", TaskRole.TARGET);
        boolean paired = p.sourceGroups().classSet().equals(p.targetGroups().classSet());

        Standardiser standardiser = Standardiser.fit(p.standardisation(), data.train(), training[0]);
        int[] pixelPermutation = p.inputChange().kind() == InputChange.Kind.PERMUTATION
                ? Dataset.permutation(n, seed.derive("pixel-permutation").generator()) : null;
        InputPipeline inputs = new InputPipeline(standardiser, p.inputChange(), pixelPermutation, side,
                seed.derive("target-noise"));

        TaskPairWriter w = TaskPairWriter.create(directory);
        write(w, TaskPairSet.SOURCE_TRAIN, data.train(), training[0], sourceLabel, inputs);
        write(w, TaskPairSet.TARGET_POOL, data.train(), training[1], targetLabel, inputs);
        write(w, TaskPairSet.SOURCE_TEST, data.test(), sourceTest, sourceLabel, inputs);
        write(w, TaskPairSet.TARGET_TEST, data.test(), targetTest, targetLabel, inputs);
        write(w, TaskPairSet.PROBE_SOURCE, data.test(), sourceProbes, sourceLabel, inputs);
        write(w, TaskPairSet.PROBE_TARGET, data.test(), targetProbes, targetLabel, inputs);
        if (paired) {
            write(w, TaskPairSet.PROBE_PAIRED_SOURCE, data.test(), sourceProbes, sourceLabel, inputs);
            write(w, TaskPairSet.PROBE_PAIRED_TARGET, data.test(), sourceProbes, targetLabel, inputs);
        }
        w.writeArray("standardisation/mean.npy", standardiser.mean(), "mean subtracted from every input ("
                + p.standardisation().id() + ", source training set)", standardiser.mean().length);
        w.writeArray("standardisation/scale.npy", standardiser.scale(), "factor applied after subtracting the mean ("
                + p.standardisation().id() + ", source training set)", standardiser.scale().length);
        if (pixelPermutation != null) {
            w.writeArray("input_change/pixel_permutation.npy", pixelPermutation,
                    "target input j is the dataset input's feature pixel_permutation[j]", n);
        }
        return w.finish(GENERATOR, seed, relation(data, p, paired), data.inputShape(),
                task(data, p.sourceGroups(), "source"), task(data, p.targetGroups(), "target"), p.toMap());
    }

    private static int squareSide(Dataset data) throws InvalidDatasetException {
        int[] shape = data.inputShape();
        int n = data.train().features();
        int side = (int) Math.round(Math.sqrt(n));
        // [H, W], one flat square, or a one-channel image [1, H, W] (the same values)
        boolean square = shape.length == 2 ? shape[0] == shape[1]
                : shape.length == 3 ? shape[0] == 1 && shape[1] == shape[2] : shape.length == 1 && side * side == n;
        if (!square) {
            throw new InvalidDatasetException(data.name(), "inputChange = rotation needs square images; inputs have shape "
                    + Arrays.toString(shape));
        }
        return side;
    }

    /** {source training rows, target pool rows} of the training part, as described in the class comment. */
    private static int[][] splitTraining(Dataset data, DatasetTaskPairParameters p, int[] order, int[] sourceLabel,
                                         int[] targetLabel) throws InvalidDatasetException {
        int[] labels = data.train().labels();
        int[] source = new int[p.sourceTrainSize()];
        int[] target = new int[p.targetPoolSize()];
        int s = 0;
        int t = 0;
        int sourceEligible = 0;
        int targetLeft = 0;
        for (int r : order) {
            int c = labels[r];
            if (sourceLabel[c] >= 0) {
                sourceEligible++;
                if (s < source.length) {
                    source[s++] = r;
                    continue;
                }
            }
            if (targetLabel[c] >= 0) {
                targetLeft++;
                if (t < target.length) {
                    target[t++] = r;
                }
            }
        }
        if (s < source.length) {
            throw new InvalidDatasetException(data.name(), "sourceTrainSize = " + source.length + " exceeds the "
                    + sourceEligible + " training rows in the source classes " + p.sourceGroups());
        }
        if (t < target.length) {
            throw new InvalidDatasetException(data.name(), "targetPoolSize = " + target.length + " exceeds the "
                    + targetLeft + " training rows in the target classes " + p.targetGroups()
                    + " not taken by the source training set");
        }
        return new int[][] {source, target};
    }

    /** The first {@code size} rows of {@code order} whose class has a label (all of them when size is 0). */
    private static int[] firstEligible(Dataset data, int[] order, int[] label, int size, String parameter,
                                       TaskRole role) throws InvalidDatasetException {
        int[] labels = data.test().labels();
        int eligible = 0;
        for (int r : order) {
            if (label[labels[r]] >= 0) {
                eligible++;
            }
        }
        int wanted = size == 0 ? eligible : size;
        if (eligible == 0) {
            throw new InvalidDatasetException(data.name(), "the test part has no rows in the "
                    + role.name().toLowerCase(Locale.ROOT) + " classes");
        }
        if (wanted > eligible) {
            throw new InvalidDatasetException(data.name(), parameter + " = " + wanted + " exceeds the " + eligible
                    + " test rows in the " + role.name().toLowerCase(Locale.ROOT) + " classes");
        }
        int[] rows = new int[wanted];
        int k = 0;
        for (int i = 0; i < order.length && k < wanted; i++) {
            if (label[labels[order[i]]] >= 0) {
                rows[k++] = order[i];
            }
        }
        return rows;
    }

    private static void write(TaskPairWriter w, TaskPairSet set, LabelledSet part, int[] rows, int[] label,
                              InputPipeline inputs) throws IOException {
        int n = part.features();
        try (TaskPairWriter.SetWriter out = w.open(set, rows.length, n)) {
            for (int first = 0; first < rows.length; first += BLOCK_ROWS) {
                int count = Math.min(BLOCK_ROWS, rows.length - first);
                float[] x = new float[count * n];
                int[] y = new int[count];
                float[] row = new float[n];
                for (int i = 0; i < count; i++) {
                    int r = rows[first + i];
                    System.arraycopy(part.inputs(), r * n, row, 0, n);
                    inputs.transform(row, set, first + i);
                    System.arraycopy(row, 0, x, i * n, n);
                    y[i] = label[part.labels()[r]];
                }
                out.append(new LabelledSet(x, y, n));
            }
        }
        String stem = set.inputsFile().substring(0, set.inputsFile().length() - "_x.npy".length());
        w.writeArray("dataset_rows/" + stem.replace('/', '_') + ".npy", rows, "row of the dataset's "
                + (set == TaskPairSet.SOURCE_TRAIN || set == TaskPairSet.TARGET_POOL ? "training" : "test")
                + " part behind each row of " + set.inputsFile(), rows.length);
    }

    private static TaskDescription task(Dataset data, ClassGrouping groups, String role) {
        return new TaskDescription(groups.labels(), groups.labelNames(data.classNames()),
                role + " task on " + data.name() + ": label g is dataset class group g of " + groups);
    }

    private static String relation(Dataset data, DatasetTaskPairParameters p, boolean sameClasses) {
        BitSet shared = p.sourceGroups().classSet();
        shared.and(p.targetGroups().classSet());
        String classes;
        if (shared.isEmpty()) {
            classes = "class split: source classes " + p.sourceGroups() + ", target classes " + p.targetGroups()
                    + " (no class in common)";
        } else if (sameClasses && p.sourceGroups().equals(p.targetGroups())) {
            classes = "same classes and labels " + p.sourceGroups();
        } else if (sameClasses) {
            classes = "relabelling: the same inputs grouped as " + p.sourceGroups() + " in the source and "
                    + p.targetGroups() + " in the target";
        } else {
            classes = "overlapping classes: source " + p.sourceGroups() + ", target " + p.targetGroups()
                    + ", shared classes " + shared;
        }
        return data.name() + ": " + classes + "; target inputs changed: " + p.inputChange().describe()
                + "; standardisation " + p.standardisation().id() + " with source training statistics";
    }

    /** Standardisation and the target's input change, row by row. */
    private record InputPipeline(Standardiser standardiser, InputChange change, int[] permutation, int side,
                                 Seed noise) {

        /** Turns a raw dataset row into a stored row of {@code set}. {@code row} is modified. */
        void transform(float[] row, TaskPairSet set, int index) {
            if (set.role() == TaskRole.TARGET) {
                float[] copy = row.clone();
                switch (change.kind()) {
                    case PERMUTATION -> ImageTransforms.permute(copy, permutation, row);
                    case ROTATION -> ImageTransforms.rotate(copy, side, change.rotationDegrees(), row);
                    default -> {
                    }
                }
            }
            standardiser.apply(row);
            if (set.role() == TaskRole.TARGET && change.kind() == InputChange.Kind.NOISE) {
                var random = noise.derive(set.inputsFile()).derive(index).generator();
                for (int j = 0; j < row.length; j++) {
                    row[j] += (float) (change.noiseStd() * Gaussian.next(random));
                }
            }
        }
    }
}
