package org.defrost.kernels;

import java.util.Arrays;

/**
 * {@link ElementOps} in float32: loops on {@code float[]} that the JIT vectorises, and the plain fallback of
 * {@link VectorFloatElementOps}.
 */
class FloatElementOps implements ElementOps<float[]> {
    @Override
    public double get(float[] a, int i) {
        return a[i];
    }

    @Override
    public void set(float[] a, int i, double value) {
        a[i] = (float) value;
    }

    @Override
    public void columnSumsInPrecision(float[] g, int rows, int cols, int c0, int c1, float[] out) {
        Arrays.fill(out, c0, c1, 0f);
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int a = r * cols;
            for (int c = c0; c < c1; c++) {
                // added left to right: the chain of adding one row at a time, with a quarter of the stores
                out[c] = out[c] + g[a + c] + g[a + cols + c] + g[a + 2 * cols + c] + g[a + 3 * cols + c];
            }
        }
        for (; r < rows; r++) {
            int a = r * cols;
            for (int c = c0; c < c1; c++) {
                out[c] += g[a + c];
            }
        }
    }

    @Override
    public void zero(float[] a, int from, int to) {
        Arrays.fill(a, from, to, 0f);
    }

    @Override
    public void add(float[] src, int from, float[] dst, int to, int n) {
        for (int i = 0; i < n; i++) {
            dst[to + i] += src[from + i];
        }
    }

    @Override
    public void max(float[] src, int from, float[] dst, int to, int n) {
        for (int i = 0; i < n; i++) {
            dst[to + i] = Math.max(dst[to + i], src[from + i]);
        }
    }

    @Override
    public void scaleByInverse(float[] a, int from, int n, int count) {
        float scale = 1f / count;
        for (int i = from; i < from + n; i++) {
            a[i] *= scale;
        }
    }

    @Override
    public void addScaledByInverse(float[] src, int from, float[] dst, int to, int n, int count) {
        float scale = 1f / count;
        for (int i = 0; i < n; i++) {
            dst[to + i] += src[from + i] * scale;
        }
    }

    @Override
    public void windowMax(float[] in, int at, int[] offsets, float[] out, int o, int[] positions, int n) {
        for (int i = 0; i < n; i++) {
            float m = in[at + offsets[0] + i];
            int position = 0;
            for (int t = 1; t < offsets.length; t++) {
                float v = in[at + offsets[t] + i];
                position = v > m ? t : position;
                m = Math.max(m, v);
            }
            out[o + i] = m;
            positions[o + i] = position;
        }
    }

    @Override
    public void windowRoute(float[] gradOut, int o, int[] positions, float[] grad, int at, int[] offsets, int n) {
        for (int t = 0; t < offsets.length; t++) {
            int d = at + offsets[t];
            for (int i = 0; i < n; i++) {
                grad[d + i] = positions[o + i] == t ? gradOut[o + i] : 0f;
            }
        }
    }

    @Override
    public void addRouted(float[] gradOut, int o, int[] positions, int tap, float[] grad, int at, int n) {
        for (int i = 0; i < n; i++) {
            if (positions[o + i] == tap) {
                grad[at + i] += gradOut[o + i];
            }
        }
    }

    @Override
    public void columnSums(float[] a, int rows, int cols, int c0, int c1, double[] sums) {
        Arrays.fill(sums, c0, c1, 0.0);
        for (int r = 0, at = 0; r < rows; r++, at += cols) {
            for (int c = c0; c < c1; c++) {
                sums[c] += a[at + c];
            }
        }
    }

    @Override
    public void columnSquaredDeviations(float[] a, int rows, int cols, int c0, int c1, double[] means,
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
    public void columnDots(float[] a, float[] b, int rows, int cols, int c0, int c1, double[] sums) {
        Arrays.fill(sums, c0, c1, 0.0);
        for (int r = 0, at = 0; r < rows; r++, at += cols) {
            for (int c = c0; c < c1; c++) {
                sums[c] += (double) a[at + c] * b[at + c];
            }
        }
    }

    @Override
    public void normalise(float[] x, int row, float[] shift, float[] s, float[] gamma, float[] beta, float[] xhat,
                          float[] y, int n) {
        for (int ch = 0; ch < n; ch++) {
            float h = (x[row + ch] - shift[ch]) * s[ch];
            xhat[row + ch] = h;
            y[row + ch] = gamma[ch] * h + beta[ch];
        }
    }

    @Override
    public void normaliseBackward(float[] g, int row, float[] xhat, float[] gamma, float[] s, float[] dGamma,
                                  float[] dBeta, int pixels, boolean training, float[] dx, int n) {
        for (int ch = 0; ch < n; ch++) {
            float k = gamma[ch] * s[ch];
            dx[row + ch] = training ? k / pixels * (pixels * g[row + ch] - dBeta[ch] - xhat[row + ch] * dGamma[ch])
                    : k * g[row + ch];
        }
    }
}
