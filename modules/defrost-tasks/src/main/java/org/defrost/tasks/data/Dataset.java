package org.defrost.tasks.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.defrost.spi.Seed;
import org.defrost.tasks.InvalidDatasetException;
import org.defrost.tasks.LabelledSet;

/**
 * A labelled dataset with a training part (source training sets and target pools are drawn from it) and
 * a test part (test sets and probes are drawn from it).
 *
 * @param name       for messages and the manifest, e.g. {@code fashion-mnist}
 * @param train      the training part
 * @param test       the test part
 * @param inputShape shape of one input, e.g. {@code [28, 28]}
 * @param classNames one name per class index
 */
public record Dataset(String name, LabelledSet train, LabelledSet test, int[] inputShape, List<String> classNames) {

    public Dataset {
        inputShape = inputShape.clone();
        classNames = List.copyOf(classNames);
        if (train.features() != test.features()) {
            throw new IllegalArgumentException(name + ": training inputs have " + train.features()
                    + " features, test inputs " + test.features());
        }
    }

    /**
     * A dataset from two parts read from files.
     *
     * @param classNames one name per class; the readers have checked the labels against their count
     * @throws InvalidDatasetException if the two parts have different input shapes
     */
    public static Dataset of(String name, DatasetPart train, DatasetPart test, List<String> classNames)
            throws InvalidDatasetException {
        if (!Arrays.equals(train.inputShape(), test.inputShape())) {
            throw new InvalidDatasetException(name, "training inputs (" + train.origin() + ") have shape "
                    + Arrays.toString(train.inputShape()) + ", test inputs (" + test.origin() + ") "
                    + Arrays.toString(test.inputShape()));
        }
        return new Dataset(name, train.samples(), test.samples(), train.inputShape(), classNames);
    }

    /** Class names {@code "0" .. "K-1"}, for datasets that name none. */
    public static List<String> numberedClasses(int classes) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add(Integer.toString(k));
        }
        return names;
    }

    /**
     * A dataset made from one part by holding out {@code testRows} rows, chosen uniformly with
     * {@code seed}, as the test part; the rest, in their original order, is the training part.
     *
     * @throws InvalidDatasetException if {@code testRows} is not smaller than the part
     */
    public static Dataset holdOut(String name, DatasetPart all, List<String> classNames, int testRows, Seed seed)
            throws InvalidDatasetException {
        int n = all.samples().size();
        if (testRows < 1 || testRows >= n) {
            throw new InvalidDatasetException(name, "cannot hold out " + testRows + " test rows from the " + n
                    + " rows of " + all.origin());
        }
        int[] order = permutation(n, seed.generator());
        boolean[] held = new boolean[n];
        for (int i = 0; i < testRows; i++) {
            held[order[i]] = true;
        }
        int[] testIndex = Arrays.copyOf(order, testRows);
        Arrays.sort(testIndex);
        int[] trainIndex = new int[n - testRows];
        for (int r = 0, k = 0; r < n; r++) {
            if (!held[r]) {
                trainIndex[k++] = r;
            }
        }
        return new Dataset(name, all.samples().select(trainIndex), all.samples().select(testIndex),
                all.inputShape(), classNames);
    }

    /** Number of classes. */
    public int classes() {
        return classNames.size();
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates), advancing {@code random}. */
    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
