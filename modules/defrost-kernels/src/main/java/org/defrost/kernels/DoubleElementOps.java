package org.defrost.kernels;

import java.util.Arrays;

/** {@link ElementOps} in float64. */
final class DoubleElementOps implements ElementOps<double[]> {
    @Override
    public double get(double[] a, int i) {
        return a[i];
    }

    @Override
    public void set(double[] a, int i, double value) {
        a[i] = value;
    }

    @Override
    public void columnSumsInPrecision(double[] g, int rows, int cols, int c0, int c1, double[] out) {
        columnSums(g, rows, cols, c0, c1, out); // in double, the precision's sums are the double sums
    }

    @Override
    public void zero(double[] a, int from, int to) {
        Arrays.fill(a, from, to, 0.0);
    }

    @Override
    public void add(double[] src, int from, double[] dst, int to, int n) {
        for (int i = 0; i < n; i++) {
            dst[to + i] += src[from + i];
        }
    }

    @Override
    public void max(double[] src, int from, double[] dst, int to, int n) {
        for (int i = 0; i < n; i++) {
            dst[to + i] = Math.max(dst[to + i], src[from + i]);
        }
    }

    @Override
    public void scaleByInverse(double[] a, int from, int n, int count) {
        double scale = 1.0 / count;
        for (int i = from; i < from + n; i++) {
            a[i] *= scale;
        }
    }

    @Override
    public void addScaledByInverse(double[] src, int from, double[] dst, int to, int n, int count) {
        double scale = 1.0 / count;
        for (int i = 0; i < n; i++) {
            dst[to + i] += src[from + i] * scale;
        }
    }

    @Override
    public void windowMax(double[] in, int at, int[] offsets, double[] out, int o, int[] positions, int n) {
        for (int i = 0; i < n; i++) {
            double m = in[at + offsets[0] + i];
            int position = 0;
            for (int t = 1; t < offsets.length; t++) {
                double v = in[at + offsets[t] + i];
                position = v > m ? t : position;
                m = Math.max(m, v);
            }
            out[o + i] = m;
            positions[o + i] = position;
        }
    }

    @Override
    public void windowRoute(double[] gradOut, int o, int[] positions, double[] grad, int at, int[] offsets, int n) {
        for (int t = 0; t < offsets.length; t++) {
            int d = at + offsets[t];
            for (int i = 0; i < n; i++) {
                grad[d + i] = positions[o + i] == t ? gradOut[o + i] : 0.0;
            }
        }
    }

    @Override
    public void addRouted(double[] gradOut, int o, int[] positions, int tap, double[] grad, int at, int n) {
        for (int i = 0; i < n; i++) {
            if (positions[o + i] == tap) {
                grad[at + i] += gradOut[o + i];
            }
        }
    }

    @Override
    public void columnSums(double[] a, int rows, int cols, int c0, int c1, double[] sums) {
        Arrays.fill(sums, c0, c1, 0.0);
        for (int r = 0, at = 0; r < rows; r++, at += cols) {
            for (int c = c0; c < c1; c++) {
                sums[c] += a[at + c];
            }
        }
    }

    @Override
    public void columnSquaredDeviations(double[] a, int rows, int cols, int c0, int c1, double[] means,
                                        double[] sums) {
        Arrays.fill(sums, c0, c1, 0.0);
        for (int r = 0, at = 0; r < rows; r++, at += cols) {
            for (int c = c0; c < c1; c++) {
                double d = a[at + c] - means[c];
                sums[c] += d * d;
            }
        }
    }

    @Override
    public void columnDots(double[] a, double[] b, int rows, int cols, int c0, int c1, double[] sums) {
        Arrays.fill(sums, c0, c1, 0.0);
        for (int r = 0, at = 0; r < rows; r++, at += cols) {
            for (int c = c0; c < c1; c++) {
                sums[c] += a[at + c] * b[at + c];
            }
        }
    }

    @Override
    public void normalise(double[] x, int row, double[] shift, double[] s, double[] gamma, double[] beta, double[] xhat,
                          double[] y, int n) {
        for (int ch = 0; ch < n; ch++) {
            double h = (x[row + ch] - shift[ch]) * s[ch];
            xhat[row + ch] = h;
            y[row + ch] = gamma[ch] * h + beta[ch];
        }
    }

    @Override
    public void normaliseBackward(double[] g, int row, double[] xhat, double[] gamma, double[] s, double[] dGamma,
                                  double[] dBeta, int pixels, boolean training, double[] dx, int n) {
        for (int ch = 0; ch < n; ch++) {
            double k = gamma[ch] * s[ch];
            dx[row + ch] = training ? k / pixels * (pixels * g[row + ch] - dBeta[ch] - xhat[row + ch] * dGamma[ch])
                    : k * g[row + ch];
        }
    }
}
