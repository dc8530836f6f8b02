package org.defrost.study.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The closed-form probe against a naive solution written independently (Gauss–Jordan on the normal equations). */
class RidgeProbeTest {

    private static FMatrixRMaj randomFeatures(int n, int p, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        FMatrixRMaj x = new FMatrixRMaj(n, p);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) (rng.nextDouble() * 4 - 1 + (i % p));
        }
        return x;
    }

    private static int[] labels(FMatrixRMaj x, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] y = new int[x.numRows];
        for (int i = 0; i < y.length; i++) {
            double s = x.data[i * x.numCols] - x.data[i * x.numCols + 1] + rng.nextDouble() - 0.5;
            y[i] = classes == 2 ? (s > 0 ? 1 : 0) : (int) Math.floorMod((long) Math.floor(s * 2), classes);
        }
        return y;
    }

    /** (ZᵀZ + λ n I)⁻¹ ZᵀT with Z the standardised features and T the centred targets, by Gauss–Jordan. */
    private static double[][] naiveWeights(FMatrixRMaj x, int[] y, int classes, double lambda) {
        int n = x.numRows;
        int p = x.numCols;
        int c = classes == 2 ? 1 : classes;
        double[][] z = new double[n][p];
        for (int j = 0; j < p; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x.get(i, j) / (double) n;
            }
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += (x.get(i, j) - mean) * (x.get(i, j) - mean) / n;
            }
            double sd = Math.sqrt(var) > 1e-12 ? Math.sqrt(var) : 1;
            for (int i = 0; i < n; i++) {
                z[i][j] = (x.get(i, j) - mean) / sd;
            }
        }
        double[][] t = new double[n][c];
        for (int i = 0; i < n; i++) {
            if (c == 1) {
                t[i][0] = y[i] == 1 ? 1 : -1;
            } else {
                t[i][y[i]] = 1;
            }
        }
        for (int j = 0; j < c; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += t[i][j] / n;
            }
            for (int i = 0; i < n; i++) {
                t[i][j] -= mean;
            }
        }
        // Augmented system [A | B] with A = ZᵀZ + λ n I and B = ZᵀT, reduced to [I | W].
        double[][] aug = new double[p][p + c];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                for (int i = 0; i < n; i++) {
                    aug[a][b] += z[i][a] * z[i][b];
                }
            }
            aug[a][a] += lambda * n;
            for (int k = 0; k < c; k++) {
                for (int i = 0; i < n; i++) {
                    aug[a][p + k] += z[i][a] * t[i][k];
                }
            }
        }
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(aug[r][col]) > Math.abs(aug[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = aug[col];
            aug[col] = aug[pivot];
            aug[pivot] = tmp;
            double d = aug[col][col];
            for (int k = 0; k < p + c; k++) {
                aug[col][k] /= d;
            }
            for (int r = 0; r < p; r++) {
                if (r != col) {
                    double f = aug[r][col];
                    for (int k = 0; k < p + c; k++) {
                        aug[r][k] -= f * aug[col][k];
                    }
                }
            }
        }
        double[][] w = new double[p][c];
        for (int a = 0; a < p; a++) {
            for (int k = 0; k < c; k++) {
                w[a][k] = aug[a][p + k];
            }
        }
        return w;
    }

    private static void assertWeights(double[][] expected, DMatrixRMaj actual) {
        for (int a = 0; a < expected.length; a++) {
            for (int k = 0; k < expected[a].length; k++) {
                assertEquals(expected[a][k], actual.get(a, k), 1e-9 * (1 + Math.abs(expected[a][k])), "w[" + a + "][" + k + "]");
            }
        }
    }

    @Test
    void moreRowsThanFeaturesMatchesTheNaiveNormalEquations() {
        FMatrixRMaj x = randomFeatures(40, 6, 1);
        int[] y = labels(x, 2, 2);
        assertWeights(naiveWeights(x, y, 2, 0.05), RidgeProbe.fit(x, y, 2, 0.05).weights());
    }

    @Test
    void fewerRowsThanFeaturesTakesTheDualFormAndGivesTheSameWeights() {
        FMatrixRMaj x = randomFeatures(7, 12, 3);
        int[] y = labels(x, 3, 4);
        assertWeights(naiveWeights(x, y, 3, 0.3), RidgeProbe.fit(x, y, 3, 0.3).weights());
    }

    @Test
    void aSeparableProblemIsFittedWithoutErrorAndPredictsTheSignOrTheLargestScore() {
        FMatrixRMaj x = new FMatrixRMaj(new float[][] {{1, 0}, {2, 0.5f}, {3, 0}, {-1, 0}, {-2, 0.5f}, {-3, 0}});
        int[] y = {1, 1, 1, 0, 0, 0};
        RidgeProbe probe = RidgeProbe.fit(x, y, 2, 1e-3);
        assertEquals(0.0, probe.error(x, y));
        assertArrayEquals(new int[] {1, 0}, probe.predict(new FMatrixRMaj(new float[][] {{5, 0}, {-5, 0}})));
        FMatrixRMaj three = new FMatrixRMaj(new float[][] {{1, 0}, {1.1f, 0}, {0, 1}, {0, 1.1f}, {-1, -1}, {-1.1f, -1}});
        int[] y3 = {0, 0, 1, 1, 2, 2};
        assertEquals(0.0, RidgeProbe.fit(three, y3, 3, 1e-3).error(three, y3));
    }
}
