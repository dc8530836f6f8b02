package org.defrost.similarity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.defrost.kernels.KernelThreads;
import org.defrost.npy.Npy;
import org.defrost.similarity.InvalidSimilarityInputException;
import org.defrost.similarity.Oracles;
import org.defrost.similarity.SubsetPlan;
import org.defrost.similarity.TestMatrices;
import org.defrost.spi.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimilarityCommandCoreTest {
    @TempDir
    Path dir;

    private Path doubles(String name, double[][] x) throws IOException {
        Path file = dir.resolve(name);
        Npy.write(file, TestMatrices.flatten(x), x.length, x[0].length);
        return file;
    }

    private Path floats(String name, double[][] x) throws IOException {
        Path file = dir.resolve(name);
        double[] flat = TestMatrices.flatten(x);
        float[] f = new float[flat.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) flat[i];
        }
        Npy.write(file, f, x.length, x[0].length);
        return file;
    }

    private static String failure(org.junit.jupiter.api.function.Executable run) {
        return assertThrows(InvalidSimilarityInputException.class, run).getMessage();
    }

    @Test
    void linearCkaOfFloat32AndFloat64ArraysIsOneJsonObject() throws IOException {
        double[][] a = {{1, 0}, {2, 1}, {3, 5}, {0, 0}};
        double[][] b = {{1}, {0}, {2}, {4}};
        String json = SimilarityCommandCore.run("linear-cka", null, null, null, floats("a.npy", a),
                doubles("b.npy", b));
        String prefix = "{\"measure\": \"linear-cka\", \"value\": ";
        String suffix = ", \"points\": 4}";
        assertTrue(json.startsWith(prefix) && json.endsWith(suffix), json);
        double value = Double.parseDouble(json.substring(prefix.length(), json.length() - suffix.length()));
        assertEquals(Oracles.linearCka(a, b), value, 1e-15);
    }

    @Test
    void neighbourMeasuresOnSubsetsReportTheStandardErrorAndK() throws IOException {
        Path a = doubles("a.npy", TestMatrices.gaussian(1, 50, 3));
        Path b = doubles("b.npy", TestMatrices.gaussian(2, 50, 3));
        String json;
        try (KernelThreads two = KernelThreads.of(2)) {
            json = SimilarityCommandCore.run("information-imbalance", 2, null, null, a, b, new SubsetPlan(20, Seed.of(1)),
                    two);
        }
        assertTrue(json.matches("\\{\"measure\": \"information-imbalance\", \"value\": [0-9.E-]+, \"points\": 50, "
                + "\"stderr\": [0-9.E-]+, \"subsets\": 3, \"k\": 2}"), json);
    }

    @Test
    void labelOverlapAndIntrinsicDimensionTakeOneArray() throws IOException {
        Path a = doubles("a.npy", TestMatrices.column(0, 1, 3, 7));
        Path labels = dir.resolve("y.npy");
        Npy.write(labels, new int[] {0, 0, 1, 1}, 4);
        assertEquals("{\"measure\": \"label-overlap\", \"value\": 0.75, \"points\": 4, \"k\": 1}",
                SimilarityCommandCore.run("label-overlap", 1, null, labels, a, null));
        String id = SimilarityCommandCore.run("intrinsic-dimension", null, null, null, a, null);
        assertTrue(id.startsWith("{\"measure\": \"intrinsic-dimension\", \"value\": "), id);
    }

    @Test
    void rbfCkaReportsItsThresholdAndAnUndefinedValueIsNull() throws IOException {
        Path a = doubles("a.npy", TestMatrices.gaussian(3, 6, 2));
        Path constant = doubles("c.npy", new double[][] {{1}, {1}, {1}, {1}, {1}, {1}});
        String json = SimilarityCommandCore.run("rbf-cka", null, 0.5, null, a, constant);
        assertEquals("{\"measure\": \"rbf-cka\", \"value\": null, \"points\": 6, \"threshold\": 0.5}", json);
    }

    @Test
    void badInputsAreRejectedWithMessagesForTheUser() throws IOException {
        Path a = doubles("a.npy", TestMatrices.gaussian(4, 5, 2));
        Path b6 = doubles("b6.npy", TestMatrices.gaussian(5, 6, 2));
        Path cube = dir.resolve("cube.npy");
        Npy.write(cube, new double[8], 2, 2, 2);
        Path vector = dir.resolve("vector.npy");
        Npy.write(vector, new double[5], 5);
        Path ints = dir.resolve("ints.npy");
        Npy.write(ints, new int[10], 5, 2);
        Path nan = doubles("nan.npy", new double[][] {{1, 2}, {3, Double.NaN}, {0, 0}, {1, 1}, {2, 2}});
        Path labels = dir.resolve("y.npy");
        Npy.write(labels, new double[] {0, 1.5, 1, 0, 1}, 5);

        assertTrue(failure(() -> SimilarityCommandCore.run("linear-ckaa", null, null, null, a, a))
                .startsWith("unknown measure 'linear-ckaa' (did you mean linear-cka?); known measures: linear-cka, "));
        assertEquals("a.npy has 5 rows but b6.npy has 6; rows must be the same points in the same order",
                failure(() -> SimilarityCommandCore.run("linear-cka", null, null, null, a, b6)));
        assertEquals(cube + ": expected a 2-D array (points × features), found shape (2, 2, 2)",
                failure(() -> SimilarityCommandCore.run("linear-cka", null, null, null, cube, a)));
        assertEquals(vector + ": expected a 2-D array (points × features), found shape (5)",
                failure(() -> SimilarityCommandCore.run("linear-cka", null, null, null, a, vector)));
        assertEquals(ints + ": expected float32 or float64 values, found dtype <i4",
                failure(() -> SimilarityCommandCore.run("svcca", null, null, null, ints, a)));
        assertEquals("nan.npy contains NaN at row 1, column 1; all values must be finite",
                failure(() -> SimilarityCommandCore.run("procrustes", null, null, null, a, nan)));
        assertEquals("pwcca compares two representations; give B.npy after A.npy",
                failure(() -> SimilarityCommandCore.run("pwcca", null, null, null, a, null)));
        assertEquals("intrinsic-dimension describes one representation; give only A.npy",
                failure(() -> SimilarityCommandCore.run("intrinsic-dimension", null, null, null, a, a)));
        assertEquals("label-overlap compares neighbourhoods with labels; give labels (one integer per row of A)",
                failure(() -> SimilarityCommandCore.run("label-overlap", null, null, null, a, null)));
        assertEquals(labels + ": labels must be integers, found 1.5 at index 1",
                failure(() -> SimilarityCommandCore.run("label-overlap", 1, null, labels, a, null)));
        assertEquals("neighborhood-overlap with k = 5 needs at least 6 points, but there are 5 points; "
                        + "lower k or raise the subset size",
                failure(() -> SimilarityCommandCore.run("neighborhood-overlap", 5, null, null, a, a)));
        assertEquals("information-imbalance: k must be at least 1, got 0",
                failure(() -> SimilarityCommandCore.run("information-imbalance", 0, null, null, a, a)));
        assertEquals("linear-cka takes no threshold parameter",
                failure(() -> SimilarityCommandCore.run("linear-cka", null, 2.0, null, a, a)));
        assertEquals(dir.resolve("missing.npy") + ": no such file",
                failure(() -> SimilarityCommandCore.run("linear-cka", null, null, null, dir.resolve("missing.npy"), a)));
        Path garbage = dir.resolve("garbage.npy");
        Files.writeString(garbage, "not numpy");
        assertTrue(failure(() -> SimilarityCommandCore.run("linear-cka", null, null, null, garbage, a))
                .startsWith(garbage.toString()));
    }
}
