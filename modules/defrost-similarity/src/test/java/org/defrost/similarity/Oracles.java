package org.defrost.similarity;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Naive reference implementations written from the definitions with plain loops: direct coordinate
 * differences instead of the Gram trick, full sorts instead of selection, n × n kernels instead of
 * feature-space formulas. Slow, obvious and independent of the code under test.
 */
public final class Oracles {
    private Oracles() {
    }

    public static double[][] centre(double[][] x) {
        int n = x.length;
        int p = x[0].length;
        double[][] out = new double[n][p];
        for (int c = 0; c < p; c++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[c];
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                out[i][c] = x[i][c] - mean;
            }
        }
        return out;
    }

    public static double[][] linearKernel(double[][] x) {
        int n = x.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < x[0].length; c++) {
                    k[i][j] += x[i][c] * x[j][c];
                }
            }
        }
        return k;
    }

    public static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            s += (a[c] - b[c]) * (a[c] - b[c]);
        }
        return s;
    }

    /** Biased HSIC up to a constant: {@code tr(KHLH)} with {@code H = I − 11ᵀ/n}. */
    public static double hsic(double[][] k, double[][] l) {
        double[][] kc = doubleCentre(k);
        double[][] lc = doubleCentre(l);
        double s = 0;
        for (int i = 0; i < k.length; i++) {
            for (int j = 0; j < k.length; j++) {
                s += kc[i][j] * lc[i][j];
            }
        }
        return s;
    }

    private static double[][] doubleCentre(double[][] k) {
        int n = k.length;
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] = (i == j ? 1 : 0) - 1.0 / n;
            }
        }
        return TestMatrices.multiply(TestMatrices.multiply(h, k), h);
    }

    public static double linearCka(double[][] a, double[][] b) {
        double[][] k = linearKernel(a);
        double[][] l = linearKernel(b);
        return hsic(k, l) / Math.sqrt(hsic(k, k) * hsic(l, l));
    }

    /** Song et al.'s unbiased HSIC estimator, term by term. */
    public static double unbiasedHsic(double[][] k, double[][] l) {
        int n = k.length;
        double[][] kt = new double[n][n];
        double[][] lt = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                kt[i][j] = i == j ? 0 : k[i][j];
                lt[i][j] = i == j ? 0 : l[i][j];
            }
        }
        double trace = 0;
        double sumK = 0;
        double sumL = 0;
        double[] rowK = new double[n];
        double[] rowL = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                trace += kt[i][j] * lt[j][i];
                sumK += kt[i][j];
                sumL += lt[i][j];
                rowK[i] += kt[i][j];
                rowL[i] += lt[i][j];
            }
        }
        double cross = 0;
        for (int i = 0; i < n; i++) {
            cross += rowK[i] * rowL[i];
        }
        return (trace + sumK * sumL / ((n - 1.0) * (n - 2.0)) - 2.0 / (n - 2) * cross) / (n * (n - 3.0));
    }

    public static double debiasedCka(double[][] a, double[][] b) {
        double[][] k = linearKernel(centre(a));
        double[][] l = linearKernel(centre(b));
        return unbiasedHsic(k, l) / Math.sqrt(unbiasedHsic(k, k) * unbiasedHsic(l, l));
    }

    /** numpy's median of all n² squared distances, by sorting them. */
    public static double medianSquaredDistance(double[][] x) {
        int n = x.length;
        double[] all = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                all[i * n + j] = squaredDistance(x[i], x[j]);
            }
        }
        Arrays.sort(all);
        return all.length % 2 == 1 ? all[all.length / 2] : (all[all.length / 2 - 1] + all[all.length / 2]) / 2;
    }

    public static double rbfCka(double[][] a, double[][] b, double threshold) {
        double[][] k = rbfKernel(a, threshold);
        double[][] l = rbfKernel(b, threshold);
        return hsic(k, l) / Math.sqrt(hsic(k, k) * hsic(l, l));
    }

    private static double[][] rbfKernel(double[][] x, double threshold) {
        int n = x.length;
        double median = medianSquaredDistance(x);
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i][j] = Math.exp(-squaredDistance(x[i], x[j]) / (2 * threshold * threshold * median));
            }
        }
        return k;
    }

    /** Neighbours of every point, nearest first, ties by index, self excluded. */
    public static int[][] neighbourOrder(double[][] x) {
        int n = x.length;
        int[][] order = new int[n][];
        for (int i = 0; i < n; i++) {
            final int self = i;
            Integer[] others = new Integer[n - 1];
            int t = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    others[t++] = j;
                }
            }
            Arrays.sort(others, Comparator.<Integer>comparingDouble(j -> squaredDistance(x[self], x[j]))
                    .thenComparingInt(j -> j));
            order[i] = Arrays.stream(others).mapToInt(Integer::intValue).toArray();
        }
        return order;
    }

    public static double informationImbalance(double[][] a, double[][] b, int k) {
        int n = a.length;
        int[][] na = neighbourOrder(a);
        int[][] nb = neighbourOrder(b);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < k; m++) {
                int j = na[i][m];
                int rank = 1;
                while (nb[i][rank - 1] != j) {
                    rank++;
                }
                sum += rank;
            }
        }
        return 2 * (sum / (n * k)) / n;
    }

    public static double neighbourhoodOverlap(double[][] a, double[][] b, int k) {
        int n = a.length;
        int[][] na = neighbourOrder(a);
        int[][] nb = neighbourOrder(b);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int shared = 0;
            for (int x = 0; x < k; x++) {
                for (int y = 0; y < k; y++) {
                    if (na[i][x] == nb[i][y]) {
                        shared++;
                    }
                }
            }
            sum += (double) shared / k;
        }
        return sum / n;
    }

    public static double labelOverlap(double[][] a, int[] labels, int k) {
        int[][] na = neighbourOrder(a);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            int same = 0;
            for (int m = 0; m < k; m++) {
                if (labels[na[i][m]] == labels[i]) {
                    same++;
                }
            }
            sum += (double) same / k;
        }
        return sum / a.length;
    }

    public static double twoNn(double[][] x) {
        int n = x.length;
        int[][] order = neighbourOrder(x);
        double[] logMu = new double[n];
        for (int i = 0; i < n; i++) {
            double r1 = Math.sqrt(squaredDistance(x[i], x[order[i][0]]));
            double r2 = Math.sqrt(squaredDistance(x[i], x[order[i][1]]));
            logMu[i] = Math.log(r2 / r1);
        }
        Arrays.sort(logMu);
        int kept = (int) (0.9 * n);
        double xy = 0;
        double xx = 0;
        for (int i = 1; i <= kept; i++) {
            double y = -Math.log(1 - (double) i / n);
            xy += logMu[i - 1] * y;
            xx += logMu[i - 1] * logMu[i - 1];
        }
        return xy / xx;
    }
}
