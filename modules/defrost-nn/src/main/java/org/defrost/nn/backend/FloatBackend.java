package org.defrost.nn.backend;

import java.util.Arrays;
import org.defrost.kernels.ElementOps;
import org.defrost.kernels.Epilogue;
import org.defrost.kernels.FloatGemm;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Activation;
import org.defrost.nn.Head;
import org.defrost.nn.math.Erf;
import org.ejml.data.FMatrixRMaj;

/**
 * The float32 backend that training runs on: products on {@link FloatGemm} with the given kernel threads,
 * element-wise loops in float that the JIT vectorises, losses accumulated in double. Transcendental
 * functions use {@link StrictMath} so that results do not depend on the JVM.
 */
public final class FloatBackend extends RowMajorBackend<FMatrixRMaj> {
    private static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    /**
     * At most this many epilogues are kept: enough for every dense layer of the networks a backend runs, while a
     * backend that outlives many networks does not keep their biases reachable.
     */
    private static final int KEPT_EPILOGUES = 64;
    /** The epilogues made so far, one per bias array and rectification; replaced, never modified, when one is added. */
    private volatile Epilogue[] epilogues = new Epilogue[0];

    /** A backend whose products use {@code threads} (not closed by this backend). */
    public FloatBackend(KernelThreads threads) {
        super(threads);
    }

    @Override
    public FMatrixRMaj zeros(int rows, int cols) {
        return new FMatrixRMaj(rows, cols);
    }

    @Override
    public void copy(FMatrixRMaj src, FMatrixRMaj dst) {
        dst.setTo(src);
    }

    @Override
    public double get(FMatrixRMaj m, int index) {
        return m.data[index];
    }

    @Override
    public void set(FMatrixRMaj m, int index, double value) {
        m.data[index] = (float) value;
    }

    @Override
    Object data(FMatrixRMaj m) {
        return m.data;
    }

    @Override
    public void mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c, boolean accumulate) {
        FloatGemm.mult(a, b, c, accumulate, threads);
    }

    /**
     * For {@link Activation#RELU} and {@link Activation#LINEAR}, one product whose epilogue adds the bias and
     * rectifies each tile while it is in cache, so the output is written once and {@code z} is not touched;
     * other activations as the separate passes.
     */
    @Override
    public void multAddBiasAndActivate(FMatrixRMaj a, FMatrixRMaj w, FMatrixRMaj bias, Activation act,
            FMatrixRMaj z, FMatrixRMaj out) {
        if (act != Activation.RELU && act != Activation.LINEAR) {
            super.multAddBiasAndActivate(a, w, bias, act, z, out);
            return;
        }
        FloatGemm.mult(a, w, epilogue(bias == null ? null : bias.data, act == Activation.RELU), out, threads);
    }

    /** The epilogue for a layer's bias, made on the layer's first product, so that later steps allocate nothing. */
    private Epilogue epilogue(float[] bias, boolean rectify) {
        Epilogue[] known = epilogues;
        for (Epilogue e : known) {
            if (e.is(bias, rectify)) {
                return e;
            }
        }
        Epilogue made = Epilogue.of(bias, rectify);
        if (known.length == KEPT_EPILOGUES) {
            known = new Epilogue[0];
        }
        Epilogue[] more = Arrays.copyOf(known, known.length + 1);
        more[known.length] = made;
        epilogues = more;
        return made;
    }

    @Override
    public void multTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c, boolean accumulate) {
        FloatGemm.multTransA(a, b, c, accumulate, threads);
    }

    @Override
    public void multTransB(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c, boolean accumulate) {
        FloatGemm.multTransB(a, b, c, accumulate, threads);
    }

    @Override
    void activateRows(FMatrixRMaj z, FMatrixRMaj bias, Activation act, FMatrixRMaj out, int r0, int r1) {
        int cols = z.numCols;
        float[] zd = z.data;
        float[] od = out.data;
        if (bias != null) {
            float[] b = bias.data;
            if (act == Activation.RELU && od == zd) { // bias and activation in one pass
                for (int r = r0; r < r1; r++) {
                    int o = r * cols;
                    for (int c = 0; c < cols; c++) {
                        zd[o + c] = Math.max(0f, zd[o + c] + b[c]);
                    }
                }
                return;
            }
            for (int r = r0; r < r1; r++) {
                int o = r * cols;
                for (int c = 0; c < cols; c++) {
                    zd[o + c] += b[c];
                }
            }
        }
        int from = r0 * cols;
        int to = r1 * cols;
        switch (act) {
            case RELU:
                for (int i = from; i < to; i++) {
                    od[i] = Math.max(0f, zd[i]); // Math.max keeps NaN, so divergence stays visible
                }
                break;
            case TANH:
                for (int i = from; i < to; i++) {
                    od[i] = (float) StrictMath.tanh(zd[i]);
                }
                break;
            case ERF:
                for (int i = from; i < to; i++) {
                    od[i] = Erf.erf(zd[i] * INV_SQRT2);
                }
                break;
            case SIGMOID:
                for (int i = from; i < to; i++) {
                    od[i] = (float) sigmoid(zd[i]);
                }
                break;
            case LINEAR:
                if (od != zd) {
                    System.arraycopy(zd, from, od, from, to - from);
                }
                break;
            default:
                throw new IllegalArgumentException("unsupported activation " + act);
        }
    }

    @Override
    void derivativeRange(Activation act, FMatrixRMaj pre, FMatrixRMaj post, FMatrixRMaj grad, int from, int to) {
        float[] g = grad.data;
        float[] a = post.data;
        switch (act) {
            case RELU:
                // a >= 0; min(a·2^149, 1) is 0 for a = 0 and 1 for every positive float, branch-free so that
                // the JIT vectorises the loop, and NaN stays NaN
                for (int i = from; i < to; i++) {
                    g[i] *= Math.min(a[i] * 0x1p127f * 0x1p22f, 1f);
                }
                break;
            case TANH:
                for (int i = from; i < to; i++) {
                    g[i] *= 1f - a[i] * a[i];
                }
                break;
            case ERF: {
                float[] z = pre.data;
                for (int i = from; i < to; i++) {
                    double zi = z[i];
                    g[i] *= (float) (SQRT_2_OVER_PI * StrictMath.exp(-0.5 * zi * zi));
                }
                break;
            }
            case SIGMOID:
                for (int i = from; i < to; i++) {
                    g[i] *= a[i] * (1f - a[i]);
                }
                break;
            case LINEAR:
                break;
            default:
                throw new IllegalArgumentException("unsupported activation " + act);
        }
    }

    @Override
    void sumColumns(FMatrixRMaj g, FMatrixRMaj out, int c0, int c1) {
        ElementOps.FLOAT.columnSumsInPrecision(g.data, g.numRows, g.numCols, c0, c1, out.data);
    }

    @Override
    public void adamStep(FMatrixRMaj param, FMatrixRMaj grad, FMatrixRMaj m, FMatrixRMaj v, double lr,
                         double beta1, double beta2, double eps, double bc1, double bc2, double l2,
                         double decoupled) {
        int n = param.getNumElements();
        float[] p = param.data;
        float[] g = grad.data;
        float[] md = m.data;
        float[] vd = v.data;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float stepSize = (float) (lr / bc1);
        float invSqrtBc2 = (float) (1 / Math.sqrt(bc2));
        float epsilon = (float) eps;
        float l2f = (float) l2;
        float keep = (float) (1 - lr * decoupled);
        if (!threads.splits(n, ADAM_WORK * n)) { // no lambda: a step on one thread allocates nothing
            adamRange(p, g, md, vd, b1, b2, c1, c2, stepSize, invSqrtBc2, epsilon, l2f, keep, 0, n);
            return;
        }
        threads.forRanges(n, ADAM_WORK * n, (from, to) -> adamRange(p, g, md, vd, b1, b2, c1, c2, stepSize, invSqrtBc2, epsilon, l2f, keep, from, to));
    }

    @Override
    public void sgdStep(FMatrixRMaj param, FMatrixRMaj grad, FMatrixRMaj velocity, double lr, double momentum,
                        boolean nesterov, double l2) {
        int n = param.getNumElements();
        float[] p = param.data;
        float[] g = grad.data;
        float rate = (float) lr;
        float l2f = (float) l2;
        if (velocity == null) {
            for (int i = 0; i < n; i++) {
                p[i] -= rate * (g[i] + l2f * p[i]);
            }
            return;
        }
        float[] b = velocity.data;
        float mu = (float) momentum;
        if (!threads.splits(n, SGD_WORK * n)) {
            sgdRange(p, g, b, rate, l2f, mu, nesterov, 0, n);
            return;
        }
        threads.forRanges(n, SGD_WORK * n, (from, to) -> sgdRange(p, g, b, rate, l2f, mu, nesterov, from, to));
    }

    /** Adam's update of elements [from, to) of the parameter {@code p}; modifies p, md and vd. */
    private static void adamRange(float[] p, float[] g, float[] md, float[] vd, float b1, float b2, float c1, float c2,
                                  float stepSize, float invSqrtBc2, float epsilon, float l2f, float keep,
                                  int from, int to) {
        // The JIT's superword pass turns this loop into vector code (square root and division included); a
        // hand-written Vector API version of the same operations was measured 10-20% slower, not faster.
        for (int i = from; i < to; i++) {
            float gi = g[i] + l2f * p[i];
            float mi = b1 * md[i] + c1 * gi;
            float vi = b2 * vd[i] + c2 * gi * gi;
            md[i] = mi;
            vd[i] = vi;
            p[i] = p[i] * keep - stepSize * mi / ((float) Math.sqrt(vi) * invSqrtBc2 + epsilon);
        }
    }

    /** SGD-with-momentum update of elements [from, to); modifies p and the velocity b. */
    private static void sgdRange(float[] p, float[] g, float[] b, float rate, float l2f, float mu, boolean nesterov,
                                 int from, int to) {
        for (int i = from; i < to; i++) {
            float gi = g[i] + l2f * p[i];
            float bi = mu * b[i] + gi;
            b[i] = bi;
            p[i] -= rate * (nesterov ? gi + mu * bi : bi);
        }
    }
}
