package org.defrost.nn.backend;

import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Activation;
import org.defrost.nn.Head;
import org.ejml.data.ReshapeMatrix;

/**
 * What {@link FloatBackend} and {@link DoubleBackend} share: row copies (on the matrices' arrays, whatever
 * their element type), losses and error counts, which are computed in double through {@link #get} and
 * {@link #set} and so give the same bits as loops written for each precision, and how the element-wise kernels
 * of propagation are cut across the kernel threads. The kernels themselves and the optimiser updates stay
 * written per precision, where the JIT vectorises them; each output element is computed by one thread in a
 * fixed order, so results do not depend on the number of threads.
 *
 * @param <M> the row-major matrix type
 */
abstract class RowMajorBackend<M extends ReshapeMatrix> implements Backend<M> {
    /**
     * Cost of one element of an Adam update, in multiply-adds (a square root and a division dominate), so that
     * updates of large weight matrices are spread over the threads and small ones stay on the caller.
     */
    static final long ADAM_WORK = 16;
    /** Cost of one element of an SGD update, in multiply-adds. */
    static final long SGD_WORK = 2;

    /** The threads products and optimiser updates run on (not closed by the backend). */
    final KernelThreads threads;

    RowMajorBackend(KernelThreads threads) {
        this.threads = threads;
    }

    /** The array behind {@code m}: {@code float[]} or {@code double[]}, row-major. */
    abstract Object data(M m);

    /** {@link #addBiasAndActivate} on rows [r0, r1) of {@code z} and {@code out} (already shaped). */
    abstract void activateRows(M z, M bias, Activation act, M out, int r0, int r1);

    /** {@link #multiplyByActivationDerivative} on elements [from, to). */
    abstract void derivativeRange(Activation act, M pre, M post, M grad, int from, int to);

    /** {@link #sumRows} for columns [c0, c1) of {@code g} into the same columns of {@code out} (already shaped). */
    abstract void sumColumns(M g, M out, int c0, int c1);

    /**
     * Cost of one element of an activation or its derivative, in multiply-adds: a transcendental function is
     * worth a few dozen, so that those loops are spread over the threads sooner.
     */
    static long cost(Activation act) {
        return act == Activation.RELU || act == Activation.LINEAR ? 1 : 32;
    }

    @Override
    public void addBiasAndActivate(M z, M bias, Activation act, M out) {
        int rows = z.getNumRows();
        out.reshape(rows, z.getNumCols());
        long work = cost(act) * rows * z.getNumCols();
        if (!threads.splits(rows, work)) { // no lambda: a call on one thread allocates nothing
            activateRows(z, bias, act, out, 0, rows);
            return;
        }
        threads.forRanges(rows, work, (r0, r1) -> activateRows(z, bias, act, out, r0, r1));
    }

    @Override
    public void multAddBiasAndActivate(M a, M w, M bias, Activation act, M z, M out) {
        mult(a, w, z, false);
        addBiasAndActivate(z, bias, act, out);
    }

    @Override
    public void multiplyByActivationDerivative(Activation act, M pre, M post, M grad) {
        int n = grad.getNumRows() * grad.getNumCols();
        long work = cost(act) * n;
        if (!threads.splits(n, work)) {
            derivativeRange(act, pre, post, grad, 0, n);
            return;
        }
        threads.forRanges(n, work, (from, to) -> derivativeRange(act, pre, post, grad, from, to));
    }

    /** Each column's sum is one chain of additions in row order, on one thread: columns are split, rows are not. */
    @Override
    public void sumRows(M g, M out) {
        int cols = g.getNumCols();
        out.reshape(1, cols);
        long work = (long) g.getNumRows() * cols;
        if (!threads.splits(cols, work)) {
            sumColumns(g, out, 0, cols);
            return;
        }
        threads.forRanges(cols, work, (c0, c1) -> sumColumns(g, out, c0, c1));
    }

    @Override
    public double loss(Head head, M output, int[] labels, M gradient) {
        int rows = output.getNumRows();
        int k = output.getNumCols();
        boolean withGradient = gradient != null;
        if (withGradient) {
            gradient.reshape(rows, k);
        }
        double total = 0;
        switch (head) {
            case BINARY_LOGISTIC:
                for (int i = 0; i < rows; i++) {
                    double zi = get(output, i);
                    int y = labels[i];
                    total += Math.max(zi, 0) - zi * y + StrictMath.log1p(StrictMath.exp(-Math.abs(zi)));
                    if (withGradient) {
                        set(gradient, i, (sigmoid(zi) - y) / rows);
                    }
                }
                break;
            case SOFTMAX_CROSS_ENTROPY:
                for (int i = 0; i < rows; i++) {
                    int off = i * k;
                    double max = get(output, off);
                    for (int j = 1; j < k; j++) {
                        max = Math.max(max, get(output, off + j));
                    }
                    double sum = 0;
                    for (int j = 0; j < k; j++) {
                        sum += StrictMath.exp(get(output, off + j) - max);
                    }
                    int y = labels[i];
                    total += StrictMath.log(sum) + max - get(output, off + y);
                    if (withGradient) {
                        for (int j = 0; j < k; j++) {
                            double p = StrictMath.exp(get(output, off + j) - max) / sum;
                            set(gradient, off + j, (p - (j == y ? 1 : 0)) / rows);
                        }
                    }
                }
                break;
            case MEAN_SQUARED_ERROR:
                for (int i = 0; i < rows; i++) {
                    int off = i * k;
                    int y = labels[i];
                    for (int j = 0; j < k; j++) {
                        double t = k == 1 ? y : (j == y ? 1 : 0);
                        double diff = get(output, off + j) - t;
                        total += diff * diff / k;
                        if (withGradient) {
                            set(gradient, off + j, 2 * diff / ((double) rows * k));
                        }
                    }
                }
                break;
            default:
                throw new IllegalArgumentException("unsupported head " + head);
        }
        return rows == 0 ? 0 : total / rows;
    }

    @Override
    public int errors(Head head, M output, int[] labels) {
        int rows = output.getNumRows();
        int k = output.getNumCols();
        int errors = 0;
        for (int i = 0; i < rows; i++) {
            int predicted;
            if (k == 1) {
                // 0.5 and 0 are exact in float, so comparing the widened value decides as float would.
                double threshold = head == Head.MEAN_SQUARED_ERROR ? 0.5 : 0.0;
                predicted = get(output, i) > threshold ? 1 : 0;
            } else {
                int off = i * k;
                predicted = 0;
                for (int j = 1; j < k; j++) {
                    if (get(output, off + j) > get(output, off + predicted)) {
                        predicted = j;
                    }
                }
            }
            if (predicted != labels[i]) {
                errors++;
            }
        }
        return errors;
    }

    @Override
    public void gatherRows(M src, int[] order, int from, int to, M dst) {
        int cols = src.getNumCols();
        dst.reshape(to - from, cols);
        Object s = data(src);
        Object d = data(dst);
        for (int i = from; i < to; i++) {
            System.arraycopy(s, order[i] * cols, d, (i - from) * cols, cols);
        }
    }

    @Override
    public void copyRows(M src, int from, int to, M dst) {
        int cols = src.getNumCols();
        dst.reshape(to - from, cols);
        System.arraycopy(data(src), from * cols, data(dst), 0, (to - from) * cols);
    }

    @Override
    public void setRows(M src, M dst, int dstRow) {
        if (src.getNumCols() != dst.getNumCols() || dstRow < 0 || dstRow + src.getNumRows() > dst.getNumRows()) {
            throw new IllegalArgumentException("cannot place " + src.getNumRows() + "×" + src.getNumCols()
                    + " at row " + dstRow + " of " + dst.getNumRows() + "×" + dst.getNumCols());
        }
        System.arraycopy(data(src), 0, data(dst), dstRow * dst.getNumCols(), src.getNumRows() * src.getNumCols());
    }

    /** The logistic function, without overflow for large |z|. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + StrictMath.exp(-z));
        }
        double e = StrictMath.exp(z);
        return e / (1 + e);
    }
}
