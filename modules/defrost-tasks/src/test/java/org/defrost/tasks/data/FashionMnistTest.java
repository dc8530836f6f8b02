package org.defrost.tasks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.defrost.tasks.InvalidDatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @TempDir
    Path dir;

    @Test
    void missingFilesSayWhatToInstall() {
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("train-images-idx3-ubyte.gz").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("`apt-get install dataset-fashion-mnist`"), e.getMessage());
    }

    @Test
    void uncompressedFilesInAnotherDirectoryAreFound() throws IOException {
        double[] pixels = new double[2 * 28 * 28];
        pixels[5] = 255;
        IdxWriter.write(dir.resolve("train-images-idx3-ubyte"), 0x08, new int[] {2, 28, 28}, pixels, false);
        IdxWriter.write(dir.resolve("train-labels-idx1-ubyte"), 0x08, new int[] {2}, new double[] {9, 0}, false);
        IdxWriter.write(dir.resolve("t10k-images-idx3-ubyte.gz"), 0x08, new int[] {2, 28, 28}, pixels, true);
        IdxWriter.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), 0x08, new int[] {2}, new double[] {3, 4}, true);
        Dataset d = FashionMnist.load(dir);
        assertEquals(1f, d.train().inputs()[5]);
        assertArrayEquals(new int[] {9, 0}, d.train().labels());
        assertEquals("Ankle boot", d.classNames().get(9));
    }

    @Test
    void installedDatasetHasSixtyThousandBalancedTrainingImages() throws IOException {
        assumeTrue(FashionMnist.isPresent(FashionMnist.DEFAULT_DIRECTORY),
                "dataset-fashion-mnist is not installed at " + FashionMnist.DEFAULT_DIRECTORY);
        Dataset d = FashionMnist.load();
        assertEquals(60_000, d.train().size());
        assertEquals(10_000, d.test().size());
        assertArrayEquals(new int[] {28, 28}, d.inputShape());
        int[] counts = new int[10];
        for (int y : d.train().labels()) {
            counts[y]++;
        }
        for (int c : counts) {
            assertEquals(6_000, c);
        }
        float max = 0;
        for (float v : d.test().inputs()) {
            assertTrue(v >= 0 && v <= 1);
            max = Math.max(max, v);
        }
        assertEquals(1f, max);
    }
}
