package org.defrost.nn.backend;

import org.defrost.kernels.DoubleGemm;
import org.defrost.kernels.ElementOps;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Activation;
import org.defrost.nn.Head;
import org.defrost.nn.math.Erf;
import org.ejml.data.DMatrixRMaj;

/**
 * The float64 backend: the formulas of {@link FloatBackend} in double precision, products on
 * {@link DoubleGemm}. Gradient checks run propagation on it, so the code that trains is the code that is
 * checked; it can also train in double. Transcendental functions use {@link StrictMath}.
 */
public final class DoubleBackend extends RowMajorBackend<DMatrixRMaj> {
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    /** A backend whose products use {@code threads} (not closed by this backend). */
    public DoubleBackend(KernelThreads threads) {
        super(threads);
    }

    @Override
    public DMatrixRMaj zeros(int rows, int cols) {
        return new DMatrixRMaj(rows, cols);
    }

    @Override
    public void copy(DMatrixRMaj src, DMatrixRMaj dst) {
        dst.setTo(src);
    }

    @Override
    public double get(DMatrixRMaj m, int index) {
        return m.data[index];
    }

    @Override
    public void set(DMatrixRMaj m, int index, double value) {
        m.data[index] = value;
    }

    @Override
    Object data(DMatrixRMaj m) {
        return m.data;
    }

    @Override
    public void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, boolean accumulate) {
        DoubleGemm.mult(a, b, c, accumulate, threads);
    }

    @Override
    public void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, boolean accumulate) {
        DoubleGemm.multTransA(a, b, c, accumulate, threads);
    }

    @Override
    public void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, boolean accumulate) {
        DoubleGemm.multTransB(a, b, c, accumulate, threads);
    }

    @Override
    void activateRows(DMatrixRMaj z, DMatrixRMaj bias, Activation act, DMatrixRMaj out, int r0, int r1) {
        int cols = z.numCols;
        double[] zd = z.data;
        double[] od = out.data;
        if (bias != null) {
            double[] b = bias.data;
            if (act == Activation.RELU && od == zd) { // bias and activation in one pass
                for (int r = r0; r < r1; r++) {
                    int o = r * cols;
                    for (int c = 0; c < cols; c++) {
                        zd[o + c] = Math.max(0.0, zd[o + c] + b[c]);
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
                    od[i] = Math.max(0.0, zd[i]); // Math.max keeps NaN, so divergence stays visible
                }
                break;
            case TANH:
                for (int i = from; i < to; i++) {
                    od[i] = StrictMath.tanh(zd[i]);
                }
                break;
            case ERF:
                for (int i = from; i < to; i++) {
                    od[i] = Erf.erf(zd[i] * INV_SQRT2);
                }
                break;
            case SIGMOID:
                for (int i = from; i < to; i++) {
                    od[i] = sigmoid(zd[i]);
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
    void derivativeRange(Activation act, DMatrixRMaj pre, DMatrixRMaj post, DMatrixRMaj grad, int from, int to) {
        double[] g = grad.data;
        double[] a = post.data;
        switch (act) {
            case RELU:
                // a >= 0; min(a·2^1074, 1) is 0 for a = 0 and 1 for every positive double, branch-free so that
                // the JIT vectorises the loop, and NaN stays NaN
                for (int i = from; i < to; i++) {
                    g[i] *= Math.min(a[i] * 0x1p1023 * 0x1p51, 1.0);
                }
                break;
            case TANH:
                for (int i = from; i < to; i++) {
                    g[i] *= 1.0 - a[i] * a[i];
                }
                break;
            case ERF: {
                double[] z = pre.data;
                for (int i = from; i < to; i++) {
                    double zi = z[i];
                    g[i] *= (SQRT_2_OVER_PI * StrictMath.exp(-0.5 * zi * zi));
                }
                break;
            }
            case SIGMOID:
                for (int i = from; i < to; i++) {
                    g[i] *= a[i] * (1.0 - a[i]);
                }
                break;
            case LINEAR:
                break;
            default:
                throw new IllegalArgumentException("unsupported activation " + act);
        }
    }

    @Override
    void sumColumns(DMatrixRMaj g, DMatrixRMaj out, int c0, int c1) {
        ElementOps.DOUBLE.columnSumsInPrecision(g.data, g.numRows, g.numCols, c0, c1, out.data);
    }

    @Override
    public void adamStep(DMatrixRMaj param, DMatrixRMaj grad, DMatrixRMaj m, DMatrixRMaj v, double lr,
                         double beta1, double beta2, double eps, double bc1, double bc2, double l2,
                         double decoupled) {
        int n = param.getNumElements();
        double[] p = param.data;
        double[] g = grad.data;
        double[] md = m.data;
        double[] vd = v.data;
        double b1 = beta1;
        double b2 = beta2;
        double c1 = (1 - beta1);
        double c2 = (1 - beta2);
        double stepSize = (lr / bc1);
        double invSqrtBc2 = (1 / Math.sqrt(bc2));
        double epsilon = eps;
        double l2f = l2;
        double keep = (1 - lr * decoupled);
        if (!threads.splits(n, ADAM_WORK * n)) { // no lambda: a step on one thread allocates nothing
            adamRange(p, g, md, vd, b1, b2, c1, c2, stepSize, invSqrtBc2, epsilon, l2f, keep, 0, n);
            return;
        }
        threads.forRanges(n, ADAM_WORK * n, (from, to) -> adamRange(p, g, md, vd, b1, b2, c1, c2, stepSize, invSqrtBc2, epsilon, l2f, keep, from, to));
    }

    @Override
    public void sgdStep(DMatrixRMaj param, DMatrixRMaj grad, DMatrixRMaj velocity, double lr, double momentum,
                        boolean nesterov, double l2) {
        int n = param.getNumElements();
        double[] p = param.data;
        double[] g = grad.data;
        double rate = lr;
        double l2f = l2;
        if (velocity == null) {
            for (int i = 0; i < n; i++) {
                p[i] -= rate * (g[i] + l2f * p[i]);
            }
            return;
        }
        double[] b = velocity.data;
        double mu = momentum;
        if (!threads.splits(n, SGD_WORK * n)) {
            sgdRange(p, g, b, rate, l2f, mu, nesterov, 0, n);
            return;
        }
        threads.forRanges(n, SGD_WORK * n, (from, to) -> sgdRange(p, g, b, rate, l2f, mu, nesterov, from, to));
    }

    /** Adam's update of elements [from, to) of the parameter {@code p}; modifies p, md and vd. */
    private static void adamRange(double[] p, double[] g, double[] md, double[] vd, double b1, double b2, double c1, double c2,
                                  double stepSize, double invSqrtBc2, double epsilon, double l2f, double keep,
                                  int from, int to) {
        for (int i = from; i < to; i++) {
            double gi = g[i] + l2f * p[i];
            double mi = b1 * md[i] + c1 * gi;
            double vi = b2 * vd[i] + c2 * gi * gi;
            md[i] = mi;
            vd[i] = vi;
            p[i] = p[i] * keep - stepSize * mi / (Math.sqrt(vi) * invSqrtBc2 + epsilon);
        }
    }

    /** SGD-with-momentum update of elements [from, to); modifies p and the velocity b. */
    private static void sgdRange(double[] p, double[] g, double[] b, double rate, double l2f, double mu, boolean nesterov,
                                 int from, int to) {
        for (int i = from; i < to; i++) {
            double gi = g[i] + l2f * p[i];
            double bi = mu * b[i] + gi;
            b[i] = bi;
            p[i] -= rate * (nesterov ? gi + mu * bi : bi);
        }
    }
}
