package org.defrost.tasks.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.defrost.tasks.InvalidDatasetException;
import org.defrost.tasks.LabelledSet;

/**
 * CIFAR-10 (Krizhevsky 2009) in its binary format: {@code data_batch_1.bin} .. {@code data_batch_5.bin} (the
 * training part; every {@code data_batch_N.bin} present is read, in increasing N) and {@code test_batch.bin}.
 * Each record is 3073 bytes: the label (0..9), then 1024 red, 1024 green and 1024 blue pixel bytes, each
 * plane row-major 32×32. The files are not shipped with defrost; users who have them point to their folder.
 *
 * <p>Inputs come out as image rows of shape {@code [3, 32, 32]} (channels, height, width) stored in NHWC
 * order, channel fastest: pixel (y, x) channel c at {@code (y·32 + x)·3 + c}, scaled to [0, 1]; that is the
 * layout of {@code org.defrost.nn.conv} block networks.
 */
public final class Cifar10 {
    /** Bytes of one record: label and 3×32×32 pixels. */
    public static final int RECORD = 1 + 3 * 32 * 32;
    /** The dataset's class names, by label. */
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");
    private static final Pattern TRAIN = Pattern.compile("data_batch_(\\d+)\\.bin");
    private static final String TEST = "test_batch.bin";

    private Cifar10() {
    }

    /**
     * Loads the dataset from {@code directory}.
     *
     * @throws InvalidDatasetException naming the file: a missing directory or file, a file whose size is not a
     *                                 whole number of records (truncated), or a label outside 0..9
     */
    public static Dataset load(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new InvalidDatasetException(directory, "CIFAR-10 directory not found; it must hold data_batch_1.bin"
                    + " .. data_batch_5.bin and test_batch.bin (the binary version of CIFAR-10)");
        }
        List<Path> trainFiles = trainingFiles(directory);
        if (trainFiles.isEmpty()) {
            throw new InvalidDatasetException(directory.resolve("data_batch_1.bin"), "CIFAR-10 training file not found;"
                    + " the directory must hold data_batch_1.bin .. data_batch_5.bin and test_batch.bin");
        }
        Path test = directory.resolve(TEST);
        if (!Files.isRegularFile(test)) {
            throw new InvalidDatasetException(test, "CIFAR-10 test file not found");
        }
        return Dataset.of("cifar-10", read(trainFiles), read(List.of(test)), CLASS_NAMES);
    }

    /** The {@code data_batch_N.bin} files of {@code directory}, by increasing N. */
    static List<Path> trainingFiles(Path directory) throws IOException {
        List<Path> found = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "data_batch_*.bin")) {
            for (Path p : entries) {
                Matcher m = TRAIN.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p)) {
                    int n = Integer.parseInt(m.group(1));
                    int at = 0;
                    while (at < numbers.size() && numbers.get(at) < n) {
                        at++;
                    }
                    numbers.add(at, n);
                    found.add(at, p);
                }
            }
        }
        return found;
    }

    /**
     * Reads the records of {@code files}, in order, into one part.
     *
     * @throws InvalidDatasetException naming the file that is empty, truncated or holds a bad label
     */
    public static DatasetPart read(List<Path> files) throws IOException {
        int total = 0;
        for (Path f : files) {
            long size = Files.size(f);
            if (size == 0 || size % RECORD != 0) {
                throw new InvalidDatasetException(f, "truncated or not a CIFAR-10 binary batch: " + size + " bytes is "
                        + (size == 0 ? "empty" : "not a whole number of " + RECORD + "-byte records (label + 3×32×32"
                        + " pixels); " + size / RECORD + " whole records and " + size % RECORD + " bytes left over"));
            }
            if (total + size / RECORD > Integer.MAX_VALUE / (RECORD - 1)) {
                throw new InvalidDatasetException(f, "too many records");
            }
            total += (int) (size / RECORD);
        }
        int pixels = RECORD - 1;
        float[] x = new float[total * pixels];
        int[] y = new int[total];
        byte[] record = new byte[RECORD];
        int row = 0;
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                for (long r = 0, n = Files.size(f) / RECORD; r < n; r++, row++) {
                    if (in.readNBytes(record, 0, RECORD) != RECORD) {
                        throw new InvalidDatasetException(f, "truncated while reading record " + (r + 1));
                    }
                    int label = record[0] & 0xff;
                    if (label >= CLASS_NAMES.size()) {
                        throw new InvalidDatasetException(f, "record " + (r + 1) + " has label " + label
                                + ", outside 0..9");
                    }
                    y[row] = label;
                    int base = row * pixels;
                    for (int c = 0; c < 3; c++) {
                        for (int p = 0; p < 1024; p++) {
                            x[base + p * 3 + c] = (record[1 + c * 1024 + p] & 0xff) / 255f;
                        }
                    }
                }
            }
        }
        List<String> names = new ArrayList<>();
        files.forEach(f -> names.add(f.toString()));
        return new DatasetPart(new LabelledSet(x, y, pixels), new int[] {3, 32, 32}, String.join(" + ", names));
    }
}
