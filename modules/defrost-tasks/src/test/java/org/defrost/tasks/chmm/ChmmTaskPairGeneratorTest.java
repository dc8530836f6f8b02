package org.defrost.tasks.chmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.defrost.spi.Seed;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.TaskRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChmmTaskPairGeneratorTest {
    @TempDir
    Path dir;

    private static ChmmParameters small(int pool) {
        return ChmmParameters.builder().inputDim(24).sourceLatentDim(9).targetLatentDim(7).sharedLatentDim(5)
                .etaF(0.4).etaTheta(0.2).labelNoise(0.1).sourceTrainSize(1500).targetPoolSize(pool)
                .testSize(120).probeSize(90).build();
    }

    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        for (String f : expected.keySet()) {
            assertArrayEquals(expected.get(f), actual.get(f), what + ": " + f);
        }
    }

    @Test
    void bytesAreTheSameForAnyBlockSizeThreadCountAndRun() throws IOException {
        ChmmParameters p = small(300);
        Map<String, byte[]> reference = null;
        int[][] options = {{1, 1}, {7, 2}, {1000, 1}, {1000, 2}, {7, 2}};
        for (int[] o : options) {
            Path out = dir.resolve("blocks-" + o[0] + "-threads-" + o[1] + "-" + Arrays.hashCode(o) + System.nanoTime());
            ChmmTaskPairGenerator.generate(p, Seed.of(42), out, new ChmmGenerationOptions(o[0], o[1]));
            Map<String, byte[]> files = contents(out);
            if (reference == null) {
                reference = files;
            } else {
                assertSameFiles(reference, files, "block size " + o[0] + ", threads " + o[1]);
            }
        }
        Path other = dir.resolve("other-seed");
        ChmmTaskPairGenerator.generate(p, Seed.of(43), other, new ChmmGenerationOptions(64, 2));
        assertFalse(Arrays.equals(reference.get("source/train_x.npy"), contents(other).get("source/train_x.npy")));
    }

    @Test
    void targetTrainingSetsAreNestedPrefixesWhateverThePoolSize() throws IOException {
        TaskPair large = ChmmTaskPairGenerator.generate(small(400), Seed.of(5), dir.resolve("large"),
                new ChmmGenerationOptions(64, 2));
        TaskPair smallPool = ChmmTaskPairGenerator.generate(small(50), Seed.of(5), dir.resolve("small"),
                new ChmmGenerationOptions(64, 2));
        LabelledSet t50 = large.targetTrain(50);
        LabelledSet t200 = large.targetTrain(200);
        assertArrayEquals(t50.inputs(), Arrays.copyOf(t200.inputs(), 50 * 24));
        assertArrayEquals(t50.labels(), Arrays.copyOf(t200.labels(), 50));
        assertArrayEquals(t50.inputs(), smallPool.load(TaskPairSet.TARGET_POOL).inputs());
        assertArrayEquals(t50.labels(), smallPool.load(TaskPairSet.TARGET_POOL).labels());
    }

    @Test
    void sourceFilesDoNotDependOnAnyTargetParameter() throws IOException {
        ChmmParameters a = small(100);
        ChmmParameters b = ChmmParameters.builder().inputDim(24).sourceLatentDim(9).targetLatentDim(12)
                .sharedLatentDim(2).etaF(1).etaTheta(0.9).labelNoise(0.1).sourceTrainSize(1500).targetPoolSize(333)
                .sourceTestSize(120).targetTestSize(50).probeSize(90).build();
        ChmmTaskPairGenerator.generate(a, Seed.of(8), dir.resolve("a"), new ChmmGenerationOptions(100, 2));
        ChmmTaskPairGenerator.generate(b, Seed.of(8), dir.resolve("b"), new ChmmGenerationOptions(100, 2));
        for (String f : List.of("source/train_x.npy", "source/train_y.npy", "source/test_x.npy", "source/test_y.npy",
                "probes/source_x.npy", "chmm/source_features.npy", "chmm/source_teacher.npy")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
    }

    @Test
    void manifestRecordsParametersClassesAndEveryFile() throws IOException {
        ChmmParameters p = small(100);
        TaskPair pair = ChmmTaskPairGenerator.generate(p, Seed.of(3), dir, ChmmGenerationOptions.defaults());
        assertEquals("chmm", pair.manifest().generator());
        assertEquals(3L, pair.manifest().seed());
        assertEquals(24, pair.inputDim());
        assertEquals(List.of(24), pair.manifest().inputShape());
        assertEquals(2, pair.classes(TaskRole.SOURCE));
        assertEquals(List.of("-1", "+1"), pair.manifest().target().classNames());
        assertEquals(p, ChmmParameters.fromMap(pair.manifest().parameters()));
        assertTrue(pair.manifest().relation().contains("etaF = 0.4"), pair.manifest().relation());
        for (TaskPairSet s : TaskPairSet.values()) {
            assertTrue(pair.has(s), s.toString());
        }
        assertEquals(1500, pair.size(TaskPairSet.SOURCE_TRAIN));
        assertEquals(100, pair.size(TaskPairSet.TARGET_POOL));
        assertEquals(120, pair.size(TaskPairSet.TARGET_TEST));
        assertEquals(90, pair.size(TaskPairSet.PROBE_PAIRED_TARGET));
        assertEquals(List.of(7, 24), pair.manifest().files().get("chmm/target_features.npy").shape());
        LabelledSet source = pair.load(TaskPairSet.SOURCE_TRAIN);
        for (float v : source.inputs()) {
            assertTrue(v >= -1 && v <= 1);
        }
    }
}
