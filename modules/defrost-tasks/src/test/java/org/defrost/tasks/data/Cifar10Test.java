package org.defrost.tasks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.defrost.tasks.InvalidDatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10Test {
    @TempDir
    Path dir;

    /** Records whose pixel byte is (record + 7·plane + position) mod 256, labels as given. */
    private static void batch(Path file, int first, int... labels) throws IOException {
        byte[] bytes = new byte[labels.length * Cifar10.RECORD];
        for (int r = 0; r < labels.length; r++) {
            bytes[r * Cifar10.RECORD] = (byte) labels[r];
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 1024; p++) {
                    bytes[r * Cifar10.RECORD + 1 + c * 1024 + p] = (byte) (first + r + 7 * c + p);
                }
            }
        }
        Files.write(file, bytes);
    }

    @Test
    void readsEveryTrainingBatchInOrderAsNhwcImagesScaledToOne() throws IOException {
        batch(dir.resolve("data_batch_2.bin"), 10, 4, 5);
        batch(dir.resolve("data_batch_1.bin"), 0, 9, 0, 3);
        batch(dir.resolve("test_batch.bin"), 20, 1);
        Dataset d = Cifar10.load(dir);
        assertArrayEquals(new int[] {9, 0, 3, 4, 5}, d.train().labels());
        assertArrayEquals(new int[] {1}, d.test().labels());
        assertArrayEquals(new int[] {3, 32, 32}, d.inputShape());
        assertEquals(3072, d.train().features());
        assertEquals("truck", d.classNames().get(9));
        // record 3 (the first of batch 2), pixel (y, x) = (2, 5), green: byte (10 + 0 + 7 + 2·32 + 5) mod 256
        int row = 3;
        int y = 2;
        int x = 5;
        float green = d.train().inputs()[row * 3072 + (y * 32 + x) * 3 + 1];
        assertEquals(((10 + 7 + 2 * 32 + 5) & 0xff) / 255f, green);
        assertEquals(((20 + 2 * 7 + 1023) & 0xff) / 255f, d.test().inputs()[1023 * 3 + 2]);
    }

    @Test
    void missingDirectoryAndFilesAreNamed() throws IOException {
        Path absent = dir.resolve("nowhere");
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> Cifar10.load(absent));
        assertTrue(e.getMessage().startsWith(absent + ": CIFAR-10 directory not found"), e.getMessage());
        e = assertThrows(InvalidDatasetException.class, () -> Cifar10.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("data_batch_1.bin") + ": "), e.getMessage());
        batch(dir.resolve("data_batch_1.bin"), 0, 1);
        e = assertThrows(InvalidDatasetException.class, () -> Cifar10.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("test_batch.bin") + ": CIFAR-10 test file not found"),
                e.getMessage());
    }

    @Test
    void truncatedAndEmptyFilesAndBadLabelsAreRefused() throws IOException {
        batch(dir.resolve("data_batch_1.bin"), 0, 1, 2);
        batch(dir.resolve("test_batch.bin"), 0, 1);
        Files.write(dir.resolve("data_batch_1.bin"), new byte[100], StandardOpenOption.APPEND);
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> Cifar10.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("data_batch_1.bin") + ": truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("2 whole records and 100 bytes left over"), e.getMessage());

        Files.write(dir.resolve("data_batch_1.bin"), new byte[0]);
        e = assertThrows(InvalidDatasetException.class, () -> Cifar10.load(dir));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());

        batch(dir.resolve("data_batch_1.bin"), 0, 1, 10);
        e = assertThrows(InvalidDatasetException.class, () -> Cifar10.load(dir));
        assertTrue(e.getMessage().endsWith("record 2 has label 10, outside 0..9"), e.getMessage());
    }

    @Test
    void flatGreyScaleDatasetsBecomeOneChannelImagesWithTheSameValues() throws IOException {
        double[] pixels = new double[2 * 28 * 28];
        pixels[30] = 255;
        IdxWriter.write(dir.resolve("train-images-idx3-ubyte"), 0x08, new int[] {2, 28, 28}, pixels, false);
        IdxWriter.write(dir.resolve("train-labels-idx1-ubyte"), 0x08, new int[] {2}, new double[] {9, 0}, false);
        IdxWriter.write(dir.resolve("t10k-images-idx3-ubyte"), 0x08, new int[] {2, 28, 28}, pixels, false);
        IdxWriter.write(dir.resolve("t10k-labels-idx1-ubyte"), 0x08, new int[] {2}, new double[] {3, 4}, false);
        Dataset images = ImageDatasets.fashionMnist(dir);
        assertArrayEquals(new int[] {1, 28, 28}, images.inputShape());
        assertEquals(1f, images.train().inputs()[30]);
        assertSame(images, ImageDatasets.asImages(images, 1));
        assertThrows(IllegalArgumentException.class, () -> ImageDatasets.asImages(images, 3));
    }
}
