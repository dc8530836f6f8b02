package org.defrost.nn;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/** Small synthetic data for tests. */
public final class TestData {
    private TestData() {
    }

    /** n × cols standard normal entries. */
    public static FMatrixRMaj gaussian(int n, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrixRMaj m = new FMatrixRMaj(n, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) nextGaussian(r);
        }
        return m;
    }

    /** n × cols standard normal entries in double. */
    public static DMatrixRMaj gaussianDouble(int n, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DMatrixRMaj m = new DMatrixRMaj(n, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = nextGaussian(r);
        }
        return m;
    }

    /** n labels uniform in 0..classes-1. */
    public static int[] labels(int n, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        return y;
    }

    /** Gaussian inputs labelled by the sign of a fixed random direction, with a margin. */
    public static Dataset linearlySeparable(int n, int dim, long seed) {
        FMatrixRMaj x = gaussian(n, dim, seed);
        FMatrixRMaj teacher = gaussian(1, dim, seed + 1);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += x.get(i, j) * teacher.data[j];
            }
            if (Math.abs(s) < 0.5) { // push points away from the boundary
                for (int j = 0; j < dim; j++) {
                    x.set(i, j, x.get(i, j) + (float) (Math.signum(s == 0 ? 1 : s) * teacher.data[j]));
                }
                s += Math.signum(s == 0 ? 1 : s) * dot(teacher.data, teacher.data);
            }
            y[i] = s > 0 ? 1 : 0;
        }
        return new Dataset(x, y);
    }

    /** Random inputs with random labels (not learnable beyond memorisation). */
    public static Dataset random(int n, int dim, int classes, long seed) {
        return new Dataset(gaussian(n, dim, seed), labels(n, classes, seed + 7));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double nextGaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
