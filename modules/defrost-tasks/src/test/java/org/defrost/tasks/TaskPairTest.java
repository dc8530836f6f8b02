package org.defrost.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.defrost.npy.Npy;
import org.defrost.spi.Seed;
import org.defrost.tasks.TaskPairManifest.TaskDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskPairTest {
    private static final int FEATURES = 3;
    @TempDir
    Path dir;

    private static LabelledSet rows(int n, int offset, int classes) {
        float[] x = new float[n * FEATURES];
        int[] y = new int[n];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < FEATURES; j++) {
                x[r * FEATURES + j] = offset + r + 0.25f * j;
            }
            y[r] = r % classes;
        }
        return new LabelledSet(x, y, FEATURES);
    }

    private TaskPair writeSmallPair() throws IOException {
        TaskPairWriter w = TaskPairWriter.create(dir);
        w.write(TaskPairSet.SOURCE_TRAIN, rows(40, 0, 3));
        w.write(TaskPairSet.SOURCE_TEST, rows(10, 100, 3));
        try (TaskPairWriter.SetWriter pool = w.open(TaskPairSet.TARGET_POOL, 30, FEATURES)) {
            LabelledSet all = rows(30, 200, 2);
            pool.append(all.prefix(7));
            pool.append(all.select(java.util.stream.IntStream.range(7, 30).toArray()));
        }
        w.write(TaskPairSet.TARGET_TEST, rows(10, 300, 2));
        w.write(TaskPairSet.PROBE_TARGET, rows(5, 400, 2));
        w.write(TaskPairSet.PROBE_SOURCE, rows(5, 500, 3));
        return w.finish("test", Seed.of(7), "a relation", new int[] {FEATURES},
                new TaskDescription(3, List.of("a", "b", "c"), "source"),
                new TaskDescription(2, List.of("x", "y"), "target"), Map.of("size", 40));
    }

    @Test
    void setsWrittenInBlocksReadBackIdentically() throws IOException {
        TaskPair pair = writeSmallPair();
        LabelledSet pool = pair.load(TaskPairSet.TARGET_POOL);
        assertArrayEquals(rows(30, 200, 2).inputs(), pool.inputs());
        assertArrayEquals(rows(30, 200, 2).labels(), pool.labels());
        assertEquals(3, pair.classes(TaskRole.SOURCE));
        assertEquals(2, pair.classes(TaskRole.TARGET));
        assertEquals(FEATURES, pair.inputDim());
        assertEquals(7L, pair.manifest().seed());
        assertEquals(40, pair.size(TaskPairSet.SOURCE_TRAIN));
        assertFalse(pair.has(TaskPairSet.PROBE_PAIRED_SOURCE));
        assertEquals(List.of(40, FEATURES), pair.manifest().files().get("source/train_x.npy").shape());
    }

    @Test
    void targetTrainingSetsArePrefixesOfThePool() throws IOException {
        TaskPair pair = writeSmallPair();
        LabelledSet small = pair.targetTrain(5);
        LabelledSet large = pair.targetTrain(20);
        assertArrayEquals(small.inputs(), Arrays.copyOf(large.inputs(), 5 * FEATURES));
        assertArrayEquals(small.labels(), Arrays.copyOf(large.labels(), 5));
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> pair.targetTrain(31));
        assertTrue(e.getMessage().contains("pool has 30 rows"), e.getMessage());
    }

    @Test
    void aDirectoryWithoutManifestIsReportedAsUnfinished() {
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> TaskPair.read(dir));
        assertTrue(e.getMessage().contains("task-pair.json") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void aMissingListedFileIsNamed() throws IOException {
        writeSmallPair();
        Files.delete(dir.resolve("target/test_y.npy"));
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> TaskPair.read(dir));
        assertTrue(e.getMessage().contains("test_y.npy") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void aFileWithAnotherShapeThanListedIsNamed() throws IOException {
        writeSmallPair();
        Npy.write(dir.resolve("source/test_x.npy"), new float[9], 3, 3);
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> TaskPair.read(dir));
        assertTrue(e.getMessage().contains("source/test_x.npy") || e.getMessage().contains("test_x.npy"), e.getMessage());
        assertTrue(e.getMessage().contains("[10, 3]"), e.getMessage());
    }

    @Test
    void labelsOutsideTheTasksClassesAreReportedOnRead() throws IOException {
        TaskPair pair = writeSmallPair();
        int[] bad = new int[10];
        bad[4] = 2;
        Npy.write(dir.resolve("target/test_y.npy"), bad, 10);
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> pair.load(TaskPairSet.TARGET_TEST));
        assertTrue(e.getMessage().contains("label 2 at row 4") && e.getMessage().contains("test_y.npy"), e.getMessage());
    }

    @Test
    void nonFiniteInputsAreReportedOnRead() throws IOException {
        TaskPair pair = writeSmallPair();
        float[] x = rows(10, 100, 3).inputs();
        x[7] = Float.NaN;
        Npy.write(dir.resolve("source/test_x.npy"), x, 10, FEATURES);
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> pair.load(TaskPairSet.SOURCE_TEST));
        assertTrue(e.getMessage().contains("non-finite value NaN at row 2, column 1"), e.getMessage());
    }

    @Test
    void finishingWithoutARequiredSetFails() throws IOException {
        TaskPairWriter w = TaskPairWriter.create(dir);
        w.write(TaskPairSet.SOURCE_TRAIN, rows(4, 0, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.finish("test", Seed.of(1), "",
                new int[] {FEATURES}, new TaskDescription(2, List.of("a", "b"), ""),
                new TaskDescription(2, List.of("a", "b"), ""), Map.of()));
        assertTrue(e.getMessage().contains("SOURCE_TEST"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(TaskPairManifest.FILE_NAME)));
    }

    @Test
    void aSetWithFewerRowsThanDeclaredIsNotCounted() throws IOException {
        TaskPairWriter w = TaskPairWriter.create(dir);
        TaskPairWriter.SetWriter s = w.open(TaskPairSet.SOURCE_TRAIN, 5, FEATURES);
        s.append(rows(3, 0, 2));
        assertThrows(IOException.class, s::close);
    }
}
