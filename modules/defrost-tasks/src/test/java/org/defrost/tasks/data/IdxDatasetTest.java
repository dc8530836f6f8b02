package org.defrost.tasks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.defrost.tasks.InvalidDatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {
    @TempDir
    Path dir;

    private Path images(int rows, double... values) throws IOException {
        return IdxWriter.write(dir.resolve("images-" + rows), 0x0D, new int[] {rows, 1, 2}, values, true);
    }

    private Path labels(double... values) throws IOException {
        return IdxWriter.write(dir.resolve("labels-" + values.length), 0x08, new int[] {values.length}, values, false);
    }

    @Test
    void imagesAndLabelsRoundTripWithTheirShape() throws IOException {
        DatasetPart part = IdxDataset.read(images(3, 1, 2, 3, 4, 5, 6), labels(2, 0, 1), 3);
        assertArrayEquals(new int[] {1, 2}, part.inputShape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, part.samples().inputs());
        assertArrayEquals(new int[] {2, 0, 1}, part.samples().labels());
    }

    @Test
    void labelCountDifferentFromInputCountNamesBothFiles() throws IOException {
        Path x = images(3, 1, 2, 3, 4, 5, 6);
        Path y = labels(0, 1);
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> IdxDataset.read(x, y, 3));
        assertTrue(e.getMessage().equals(y + ": 2 labels for the 3 inputs of " + x), e.getMessage());
    }

    @Test
    void labelOutsideTheDeclaredClassesIsReported() throws IOException {
        Path y = labels(2, 0, 7);
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class,
                () -> IdxDataset.read(images(3, 1, 2, 3, 4, 5, 6), y, 3));
        assertTrue(e.getMessage().equals(y + ": label 7 in row 2 is outside the declared classes 0..2"), e.getMessage());
    }

    @Test
    void nonFiniteInputIsReported() throws IOException {
        Path x = images(3, 1, 2, 3, Double.POSITIVE_INFINITY, 5, 6);
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class,
                () -> IdxDataset.read(x, labels(0, 0, 1), 2));
        assertTrue(e.getMessage().equals(x + ": non-finite value Infinity in row 1, feature 1"), e.getMessage());
    }

    @Test
    void wrongRanksAreReported() throws IOException {
        Path flat = IdxWriter.write(dir.resolve("flat"), 0x08, new int[] {3}, new double[] {1, 2, 3}, false);
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class,
                () -> IdxDataset.read(flat, labels(0, 1, 1), 2));
        assertTrue(e.getMessage().contains("rank >= 2"), e.getMessage());
        Path square = IdxWriter.write(dir.resolve("square"), 0x08, new int[] {3, 1}, new double[] {0, 1, 1}, false);
        e = assertThrows(InvalidDatasetException.class, () -> IdxDataset.read(images(3, 1, 2, 3, 4, 5, 6), square, 2));
        assertTrue(e.getMessage().startsWith(square + ": expected a rank-1 label file"), e.getMessage());
    }
}
