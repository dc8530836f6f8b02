package org.defrost.tasks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.defrost.spi.Seed;
import org.defrost.tasks.InvalidDatasetException;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input changes on datasets declared as images {@code [C, H, W]}. */
class ImageTaskPairTest {
    @TempDir
    Path dir;

    private static Dataset flat() {
        int n = 16;
        int rows = 600;
        float[] x = new float[rows * n];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = r % 10;
            for (int j = 0; j < n; j++) {
                x[r * n + j] = y[r] * 10 + j + r / 1000f;
            }
        }
        LabelledSet part = new LabelledSet(x, y, n);
        return new Dataset("tiny", part, part, new int[] {4, 4}, Dataset.numberedClasses(10));
    }

    private static DatasetTaskPairParameters params(InputChange change) {
        List<String> groups = List.of("1", "2");
        return DatasetTaskPairParameters.defaults()
                .withGroups(ClassGrouping.parse("sourceGroups", groups), ClassGrouping.parse("targetGroups", groups))
                .withInputChange(change).withSizes(30, 30, 0, 0, 20);
    }

    @Test
    void rotationOfOneChannelImagesEqualsRotationOfTheFlatImages() throws IOException {
        Dataset flat = flat();
        Dataset images = ImageDatasets.asImages(flat, 1);
        TaskPair a = DatasetTaskPairBuilder.build(flat, params(InputChange.rotation(30)), Seed.of(5), dir.resolve("a"));
        TaskPair b = DatasetTaskPairBuilder.build(images, params(InputChange.rotation(30)), Seed.of(5),
                dir.resolve("b"));
        assertArrayEquals(a.load(TaskPairSet.PROBE_PAIRED_TARGET).inputs(),
                b.load(TaskPairSet.PROBE_PAIRED_TARGET).inputs());
    }

    @Test
    void rotationOfColourImagesIsRefusedWithTheShape() {
        Dataset flat = flat();
        Dataset colour = new Dataset("colour", flat.train(), flat.test(), new int[] {4, 2, 2},
                flat.classNames());
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () ->
                DatasetTaskPairBuilder.build(colour, params(InputChange.rotation(30)), Seed.of(5), dir));
        assertTrue(e.getMessage().contains("[4, 2, 2]"), e.getMessage());
    }
}
