package org.defrost.tasks.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.defrost.tasks.InvalidDatasetException;
import org.defrost.tasks.LabelledSet;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017): 60,000 training and 10,000 test grey-scale images of
 * 28 x 28 pixels in 10 classes, as IDX files. Debian ships them in the package
 * {@code dataset-fashion-mnist} under {@link #DEFAULT_DIRECTORY}. Pixel values are scaled to [0, 1].
 */
public final class FashionMnist {
    /** Where {@code apt-get install dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    /** The dataset's class names, by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    private FashionMnist() {
    }

    /** Whether the four files are present in {@code directory} (gzip-compressed or not). */
    public static boolean isPresent(Path directory) {
        for (String f : FILES) {
            if (find(directory, f) == null) {
                return false;
            }
        }
        return true;
    }

    /** Loads the dataset from {@link #DEFAULT_DIRECTORY}. */
    public static Dataset load() throws IOException {
        return load(DEFAULT_DIRECTORY);
    }

    /**
     * Loads the dataset from {@code directory}, which holds {@code train-images-idx3-ubyte},
     * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte},
     * each optionally with the suffix {@code .gz}.
     *
     * @throws InvalidDatasetException if a file is missing (the message says what to install) or malformed
     */
    public static Dataset load(Path directory) throws IOException {
        Path[] paths = new Path[FILES.length];
        for (int i = 0; i < FILES.length; i++) {
            paths[i] = find(directory, FILES[i]);
            if (paths[i] == null) {
                throw new InvalidDatasetException(directory.resolve(FILES[i] + ".gz"), "Fashion-MNIST file not found. "
                        + "Install the dataset with `apt-get install dataset-fashion-mnist` (it goes to "
                        + DEFAULT_DIRECTORY + "), or point the dataset directory to a folder holding "
                        + String.join(", ", FILES) + " (each optionally gzip-compressed, .gz)");
            }
        }
        DatasetPart train = scaled(IdxDataset.read(paths[0], paths[1], CLASS_NAMES.size()));
        DatasetPart test = scaled(IdxDataset.read(paths[2], paths[3], CLASS_NAMES.size()));
        return Dataset.of("fashion-mnist", train, test, CLASS_NAMES);
    }

    private static Path find(Path directory, String name) {
        for (Path p : new Path[] {directory.resolve(name + ".gz"), directory.resolve(name)}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** Pixel bytes 0..255 to [0, 1]. */
    private static DatasetPart scaled(DatasetPart part) {
        float[] x = part.samples().inputs();
        for (int i = 0; i < x.length; i++) {
            x[i] /= 255f;
        }
        return new DatasetPart(new LabelledSet(x, part.samples().labels(), part.samples().features()),
                part.inputShape(), part.origin());
    }
}
