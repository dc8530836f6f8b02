package org.defrost.tasks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.defrost.npy.Npy;
import org.defrost.spi.Seed;
import org.defrost.tasks.InvalidDatasetException;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.TaskRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTaskPairBuilderTest {
    private static final int SIDE = 4;
    private static final int N = SIDE * SIDE;
    private static final Dataset IMAGES = images(40, 12);
    @TempDir
    Path dir;

    /** 10 classes of 4 x 4 images; pixel j of row r is class * 10 + j + r / 1000, so every row is distinct. */
    private static Dataset images(int trainPerClass, int testPerClass) {
        return new Dataset("tiny", part(trainPerClass, 0), part(testPerClass, 0.5f), new int[] {SIDE, SIDE},
                Dataset.numberedClasses(10));
    }

    private static LabelledSet part(int perClass, float shift) {
        int rows = 10 * perClass;
        float[] x = new float[rows * N];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = r % 10;
            for (int j = 0; j < N; j++) {
                x[r * N + j] = y[r] * 10 + j + r / 1000f + shift;
            }
        }
        return new LabelledSet(x, y, N);
    }

    private static DatasetTaskPairParameters params(List<String> source, List<String> target, InputChange change) {
        return DatasetTaskPairParameters.defaults()
                .withGroups(ClassGrouping.parse("sourceGroups", source), ClassGrouping.parse("targetGroups", target))
                .withInputChange(change).withSizes(100, 120, 0, 30, 25);
    }

    private static int[] rows(TaskPair pair, TaskPairSet set) throws IOException {
        String stem = set.inputsFile().substring(0, set.inputsFile().length() - "_x.npy".length()).replace('/', '_');
        return Npy.read(pair.directory().resolve("dataset_rows/" + stem + ".npy")).asInts();
    }

    private static void assertLabelsFollowGrouping(TaskPair pair, TaskPairSet set, LabelledSet datasetPart,
                                                   ClassGrouping grouping) throws IOException {
        int[] datasetRows = rows(pair, set);
        int[] labels = pair.load(set).labels();
        for (int i = 0; i < labels.length; i++) {
            assertEquals(grouping.labelOf(datasetPart.labels()[datasetRows[i]]), labels[i], set + " row " + i);
        }
    }

    @Test
    void classSplitUsesDisjointClassesRenumberedFromZero() throws IOException {
        DatasetTaskPairParameters p = params(List.of("0", "1", "2", "3", "4"), List.of("7", "5", "6"), InputChange.none());
        TaskPair pair = DatasetTaskPairBuilder.build(IMAGES, p, Seed.of(1), dir);
        assertEquals(5, pair.classes(TaskRole.SOURCE));
        assertEquals(3, pair.classes(TaskRole.TARGET));
        assertEquals(List.of("7", "5", "6"), pair.manifest().target().classNames());
        assertLabelsFollowGrouping(pair, TaskPairSet.SOURCE_TRAIN, IMAGES.train(), p.sourceGroups());
        assertLabelsFollowGrouping(pair, TaskPairSet.TARGET_POOL, IMAGES.train(), p.targetGroups());
        assertLabelsFollowGrouping(pair, TaskPairSet.TARGET_TEST, IMAGES.test(), p.targetGroups());
        assertEquals(60, pair.size(TaskPairSet.SOURCE_TEST));
        assertFalse(pair.has(TaskPairSet.PROBE_PAIRED_SOURCE));
        assertTrue(pair.manifest().relation().contains("class split"), pair.manifest().relation());
    }

    @Test
    void relabellingKeepsTheInputsAndRegroupsTheLabels() throws IOException {
        List<String> all = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        DatasetTaskPairParameters p = params(all, List.of("0,2,4,6,8", "1,3,5,7,9"), InputChange.none());
        TaskPair pair = DatasetTaskPairBuilder.build(IMAGES, p, Seed.of(2), dir);
        LabelledSet s = pair.load(TaskPairSet.PROBE_PAIRED_SOURCE);
        LabelledSet t = pair.load(TaskPairSet.PROBE_PAIRED_TARGET);
        assertArrayEquals(s.inputs(), t.inputs());
        for (int i = 0; i < s.size(); i++) {
            assertEquals(s.labels()[i] % 2, t.labels()[i]);
        }
        assertLabelsFollowGrouping(pair, TaskPairSet.TARGET_POOL, IMAGES.train(), p.targetGroups());
        Set<Integer> sourceRows = new HashSet<>();
        Arrays.stream(rows(pair, TaskPairSet.SOURCE_TRAIN)).forEach(sourceRows::add);
        for (int r : rows(pair, TaskPairSet.TARGET_POOL)) {
            assertFalse(sourceRows.contains(r), "dataset row " + r + " is in both training sets");
        }
        assertTrue(pair.manifest().relation().contains("relabelling"), pair.manifest().relation());
    }

    @Test
    void sourceInputsAreStandardisedWithTheirOwnStatistics() throws IOException {
        TaskPair pair = DatasetTaskPairBuilder.build(IMAGES, DatasetTaskPairParameters.defaults().withSizes(
                100, 100, 0, 0, 20), Seed.of(3), dir);
        float[] x = pair.load(TaskPairSet.SOURCE_TRAIN).inputs();
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (float v : x) {
            var += (v - mean) * (v - mean);
        }
        assertEquals(0, mean, 1e-5);
        assertEquals(1, var / x.length, 1e-5);
        // The target classes 5..9 are brighter; standardised with source statistics, their mean stays positive.
        float[] target = pair.load(TaskPairSet.TARGET_POOL).inputs();
        assertTrue(Arrays.stream(toDoubles(target)).average().orElseThrow() > 1);
    }

    private static double[] toDoubles(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    @Test
    void permutationMovesEachTargetPixelToItsFixedPlace() throws IOException {
        List<String> groups = List.of("0,1,2", "3,4,5");
        TaskPair pair = DatasetTaskPairBuilder.build(IMAGES, params(groups, groups, InputChange.permutation()),
                Seed.of(4), dir);
        int[] permutation = Npy.read(dir.resolve("input_change/pixel_permutation.npy")).asInts();
        assertArrayEquals(java.util.stream.IntStream.range(0, N).toArray(), Arrays.stream(permutation).sorted().toArray());
        LabelledSet s = pair.load(TaskPairSet.PROBE_PAIRED_SOURCE);
        LabelledSet t = pair.load(TaskPairSet.PROBE_PAIRED_TARGET);
        for (int i = 0; i < s.size(); i++) {
            for (int j = 0; j < N; j++) {
                assertEquals(s.inputs()[i * N + permutation[j]], t.inputs()[i * N + j]);
            }
        }
        assertArrayEquals(s.labels(), t.labels());
    }

    @Test
    void rotationTurnsTheRawTargetImageBeforeStandardisation() throws IOException {
        List<String> groups = List.of("1", "2");
        TaskPair pair = DatasetTaskPairBuilder.build(IMAGES, params(groups, groups, InputChange.rotation(90))
                .withSizes(30, 30, 0, 0, 20), Seed.of(5), dir);
        float mean = Npy.read(dir.resolve("standardisation/mean.npy")).asFloats()[0];
        float scale = Npy.read(dir.resolve("standardisation/scale.npy")).asFloats()[0];
        int[] datasetRows = rows(pair, TaskPairSet.PROBE_PAIRED_TARGET);
        LabelledSet t = pair.load(TaskPairSet.PROBE_PAIRED_TARGET);
        float[] raw = new float[N];
        float[] turned = new float[N];
        for (int i = 0; i < t.size(); i++) {
            System.arraycopy(IMAGES.test().inputs(), datasetRows[i] * N, raw, 0, N);
            ImageTransforms.rotate(raw, SIDE, 90, turned);
            for (int j = 0; j < N; j++) {
                assertEquals((turned[j] - mean) * scale, t.inputs()[i * N + j], 1e-5f);
            }
        }
    }

    @Test
    void noiseHasTheRequestedStandardDeviationInStandardisedUnits() throws IOException {
        List<String> groups = List.of("0,1,2,3,4", "5,6,7,8,9");
        DatasetTaskPairParameters p = params(groups, groups, InputChange.noise(0.3)).withSizes(100, 100, 0, 0, 100);
        TaskPair pair = DatasetTaskPairBuilder.build(IMAGES, p, Seed.of(6), dir);
        float[] s = pair.load(TaskPairSet.PROBE_PAIRED_SOURCE).inputs();
        float[] t = pair.load(TaskPairSet.PROBE_PAIRED_TARGET).inputs();
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < s.length; i++) {
            double d = t[i] - s[i];
            sum += d;
            squares += d * d;
        }
        int n = s.length;
        assertEquals(0, sum / n, 4 * 0.3 / Math.sqrt(n));
        // The sample variance of n normal draws has relative standard deviation sqrt(2 / n).
        assertEquals(0.09, squares / n, 4 * 0.09 * Math.sqrt(2.0 / n));
    }

    @Test
    void theSameSeedGivesTheSameBytesAndTheTargetPoolGrowsByAppending() throws IOException {
        DatasetTaskPairParameters p = params(List.of("0", "1"), List.of("2", "3"), InputChange.noise(1))
                .withSizes(40, 40, 0, 0, 20);
        DatasetTaskPairBuilder.build(IMAGES, p, Seed.of(7), dir.resolve("a"));
        DatasetTaskPairBuilder.build(IMAGES, p, Seed.of(7), dir.resolve("b"));
        for (String f : List.of("source/train_x.npy", "target/pool_x.npy", "target/test_x.npy", "task-pair.json")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
        TaskPair larger = DatasetTaskPairBuilder.build(IMAGES, p.withSizes(40, 70, 0, 0, 20), Seed.of(7),
                dir.resolve("c"));
        TaskPair smaller = DatasetTaskPairBuilder.build(IMAGES, p.withSizes(40, 30, 0, 0, 20), Seed.of(7),
                dir.resolve("d"));
        assertArrayEquals(smaller.load(TaskPairSet.TARGET_POOL).inputs(), larger.targetTrain(30).inputs());
    }

    @Test
    void sourceFilesDoNotDependOnTheTargetSide() throws IOException {
        List<String> source = List.of("0,1", "2,3");
        DatasetTaskPairBuilder.build(IMAGES, params(source, List.of("4", "5"), InputChange.none())
                .withSizes(60, 30, 0, 0, 20), Seed.of(8), dir.resolve("a"));
        DatasetTaskPairBuilder.build(IMAGES, params(source, List.of("1,3", "0,2"), InputChange.noise(2))
                .withSizes(60, 50, 0, 10, 20), Seed.of(8), dir.resolve("b"));
        for (String f : List.of("source/train_x.npy", "source/train_y.npy", "source/test_x.npy", "probes/source_x.npy",
                "standardisation/mean.npy", "standardisation/scale.npy")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
    }

    @Test
    void sizesLargerThanTheDataNameTheParameter() {
        DatasetTaskPairParameters tooMany = params(List.of("0", "1"), List.of("2", "3"), InputChange.none())
                .withSizes(81, 10, 0, 0, 5);
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class,
                () -> DatasetTaskPairBuilder.build(IMAGES, tooMany, Seed.of(1), dir));
        assertEquals("tiny: sourceTrainSize = 81 exceeds the 80 training rows in the source classes [[0], [1]]",
                e.getMessage());
        DatasetTaskPairParameters overlap = params(List.of("0", "1"), List.of("1", "0"), InputChange.none())
                .withSizes(60, 30, 0, 0, 5);
        e = assertThrows(InvalidDatasetException.class, () -> DatasetTaskPairBuilder.build(IMAGES, overlap, Seed.of(1), dir));
        assertTrue(e.getMessage().startsWith("tiny: targetPoolSize = 30 exceeds the 20 training rows"), e.getMessage());
        DatasetTaskPairParameters probes = params(List.of("0", "1"), List.of("2", "3"), InputChange.none())
                .withSizes(10, 10, 0, 0, 25);
        e = assertThrows(InvalidDatasetException.class, () -> DatasetTaskPairBuilder.build(IMAGES, probes, Seed.of(1), dir));
        assertEquals("tiny: probeSize = 25 exceeds the 24 test rows in the source classes", e.getMessage());
    }

    @Test
    void classesTheDatasetLacksAndRotationOfNonSquareInputsAreRejected() {
        DatasetTaskPairParameters p = params(List.of("0", "1"), List.of("2", "10"), InputChange.none());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetTaskPairBuilder.build(IMAGES, p, Seed.of(1), dir));
        assertEquals("targetGroups names class 10, which does not exist; the dataset has classes 0..9", e.getMessage());
        Dataset wide = new Dataset("wide", IMAGES.train(), IMAGES.test(), new int[] {2, 8}, IMAGES.classNames());
        InvalidDatasetException r = assertThrows(InvalidDatasetException.class, () -> DatasetTaskPairBuilder.build(wide,
                params(List.of("0", "1"), List.of("0", "1"), InputChange.rotation(10)), Seed.of(1), dir));
        assertEquals("wide: inputChange = rotation needs square images; inputs have shape [2, 8]", r.getMessage());
    }

    @Test
    void holdOutSplitsOnePartDisjointly() throws IOException {
        DatasetPart all = new DatasetPart(IMAGES.train(), new int[] {SIDE, SIDE}, "tiny.npy");
        Dataset d = Dataset.holdOut("tiny", all, IMAGES.classNames(), 100, Seed.of(9));
        assertEquals(100, d.test().size());
        assertEquals(300, d.train().size());
        Set<Float> firstPixels = new HashSet<>();
        for (int r = 0; r < 300; r++) {
            firstPixels.add(d.train().inputs()[r * N]);
        }
        for (int r = 0; r < 100; r++) {
            assertFalse(firstPixels.contains(d.test().inputs()[r * N]));
        }
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class,
                () -> Dataset.holdOut("tiny", all, IMAGES.classNames(), 400, Seed.of(9)));
        assertTrue(e.getMessage().contains("cannot hold out 400 test rows from the 400 rows"), e.getMessage());
    }
}
