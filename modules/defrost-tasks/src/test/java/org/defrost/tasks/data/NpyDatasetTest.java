package org.defrost.tasks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.defrost.npy.Npy;
import org.defrost.tasks.InvalidDatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyDatasetTest {
    @TempDir
    Path dir;

    private Path inputs(float[] values, int... shape) throws IOException {
        Path f = dir.resolve("x" + Arrays.toString(shape) + values.length + ".npy");
        Npy.write(f, values, shape);
        return f;
    }

    private Path labels(int... values) throws IOException {
        Path f = dir.resolve("y" + values.length + ".npy");
        Npy.write(f, values, values.length);
        return f;
    }

    @Test
    void inputsAndLabelsRoundTripWithTheirShape() throws IOException {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        DatasetPart part = NpyDataset.read(inputs(x, 3, 2, 2), labels(1, 0, 1), 2);
        assertArrayEquals(new int[] {2, 2}, part.inputShape());
        assertArrayEquals(x, part.samples().inputs());
        assertArrayEquals(new int[] {1, 0, 1}, part.samples().labels());
    }

    @Test
    void labelCountDifferentFromInputCountIsReported() throws IOException {
        Path y = labels(0, 1);
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class,
                () -> NpyDataset.read(inputs(new float[6], 3, 2), y, 2));
        assertTrue(e.getMessage().startsWith(y + ": 2 labels for the 3 inputs"), e.getMessage());
    }

    @Test
    void nanAndInfinityAreReported() throws IOException {
        for (float bad : new float[] {Float.NaN, Float.NEGATIVE_INFINITY}) {
            Path x = inputs(new float[] {0, 1, 2, bad}, 2, 2);
            InvalidDatasetException e = assertThrows(InvalidDatasetException.class,
                    () -> NpyDataset.read(x, labels(0, 1), 2));
            assertTrue(e.getMessage().equals(x + ": non-finite value " + bad + " in row 1, feature 1"), e.getMessage());
        }
    }

    @Test
    void labelsOutsideTheClassesOrNotIntegersAreReported() throws IOException {
        Path y = labels(0, -1);
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class,
                () -> NpyDataset.read(inputs(new float[4], 2, 2), y, 2));
        assertTrue(e.getMessage().equals(y + ": label -1 in row 1 is outside the declared classes 0..1"), e.getMessage());
        Path floats = dir.resolve("yf.npy");
        Npy.write(floats, new float[] {0, 1}, 2);
        e = assertThrows(InvalidDatasetException.class, () -> NpyDataset.read(inputs(new float[4], 2, 2), floats, 2));
        assertTrue(e.getMessage().contains("integer dtype"), e.getMessage());
    }

    @Test
    void missingAndTruncatedFilesAreNamed() throws IOException {
        Path absent = dir.resolve("absent.npy");
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class,
                () -> NpyDataset.read(absent, labels(0), 2));
        assertTrue(e.getMessage().equals(absent + ": file not found"), e.getMessage());
        Path x = inputs(new float[40], 10, 4);
        byte[] b = Files.readAllBytes(x);
        Files.write(x, Arrays.copyOf(b, b.length - 9));
        e = assertThrows(InvalidDatasetException.class, () -> NpyDataset.read(x, labels(new int[10]), 2));
        assertTrue(e.getMessage().startsWith(x + ": truncated data"), e.getMessage());
    }

    @Test
    void oneDimensionalInputsAreRejected() throws IOException {
        Path x = inputs(new float[3], 3);
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> NpyDataset.read(x, labels(0, 1, 0), 2));
        assertTrue(e.getMessage().contains("expected inputs of shape (n, features...)"), e.getMessage());
    }
}
