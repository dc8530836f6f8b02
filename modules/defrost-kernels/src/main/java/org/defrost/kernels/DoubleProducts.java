package org.defrost.kernels;

/**
 * Fast float64 products on row-major {@code double[]} matrices, for the similarity measures: cross-products,
 * Gram matrices and plain products on one cache-blocked engine ({@link BlockedDoubleProduct}) that reads its
 * inputs in place, on the Vector API when {@link VectorSupport} says so (and the processor has vectors of at
 * least 256 bits; emulated ones are slower than plain Java). Results are newly allocated row-major arrays and
 * are bit-identical for any number of threads. Unlike {@link DoubleGemm}, whose plain loops are the reference,
 * these sum in blocks with fused multiply-adds.
 */
public final class DoubleProducts {
    private static final BlockedDoubleProduct ENGINE = BlockedDoubleProduct.standard(kernel());

    private DoubleProducts() {
    }

    /** The micro-kernel in use: "vector" or "plain". */
    public static String implementation() {
        return ENGINE.kernel() instanceof PlainDoubleMicroKernel ? "plain" : "vector";
    }

    static DoubleMicroKernel kernel() {
        return VectorSupport.ENABLED && VectorSupport.BITS >= 256
                ? VectorSupport.create("VectorDoubleMicroKernel", DoubleMicroKernel.class) : new PlainDoubleMicroKernel();
    }

    /**
     * Cross-product {@code C = XᵀY}, shape {@code p × q}.
     *
     * @param x row-major {@code n × p}. Not modified.
     * @param y row-major {@code n × q}. Not modified.
     */
    public static double[] crossProduct(double[] x, int n, int p, double[] y, int q, KernelThreads t) {
        return crossProduct(x, n, p, p, y, q, q, t);
    }

    /**
     * Cross-product of leading columns, {@code C = X[:, :p]ᵀ Y[:, :q]}, shape {@code p × q}.
     *
     * @param x row-major, n rows of stride {@code ldx >= p}. Not modified.
     * @param y row-major, n rows of stride {@code ldy >= q}. Not modified.
     */
    public static double[] crossProduct(double[] x, int n, int p, int ldx, double[] y, int q, int ldy,
            KernelThreads t) {
        double[] c = new double[p * q];
        ENGINE.multiply(new ColumnsSource(x, n, p, ldx), new ColumnsSource(y, n, q, ldy), false, c, t);
        return c;
    }

    /**
     * Cross-product of the column-centred matrices, {@code C = (X − 1·μᵀ)ᵀ(Y − 1·νᵀ)}, shape {@code p × q},
     * formed while packing, bit-identical to {@link #crossProduct(double[], int, int, double[], int, KernelThreads)}
     * of stored centred copies.
     *
     * @param x  row-major {@code n × p}. Not modified.
     * @param mx the {@code p} values μ subtracted from the columns of X, or null for none. Not modified.
     * @param y  row-major {@code n × q}. Not modified.
     * @param my the {@code q} values ν subtracted from the columns of Y, or null for none. Not modified.
     */
    public static double[] centredCrossProduct(double[] x, double[] mx, int n, int p, double[] y, double[] my, int q,
            KernelThreads t) {
        double[] c = new double[p * q];
        ENGINE.multiply(new ColumnsSource(x, n, p, p, mx), new ColumnsSource(y, n, q, q, my), false, c, t);
        return c;
    }

    /**
     * Gram matrix of the column-centred matrix, {@code C = (X − 1·μᵀ)ᵀ(X − 1·μᵀ)}, shape {@code p × p}, exactly
     * symmetric, formed while packing; bit-identical to {@link #columnGram} of a stored centred copy.
     *
     * @param x  row-major {@code n × p}. Not modified.
     * @param mx the {@code p} values μ subtracted from the columns, or null for none. Not modified.
     */
    public static double[] centredColumnGram(double[] x, double[] mx, int n, int p, KernelThreads t) {
        double[] c = new double[p * p];
        ColumnsSource source = new ColumnsSource(x, n, p, p, mx);
        ENGINE.multiply(source, source, true, c, t);
        return c;
    }

    /**
     * Gram matrix of the columns {@code C = XᵀX}, shape {@code p × p}, exactly symmetric; only the upper
     * triangle is computed.
     *
     * @param x row-major {@code n × p}. Not modified.
     */
    public static double[] columnGram(double[] x, int n, int p, KernelThreads t) {
        return centredColumnGram(x, null, n, p, t);
    }

    /**
     * Gram matrix of selected points {@code G[i][j] = x_{rows[i]} · x_{rows[j]}}, shape
     * {@code count × count}, exactly symmetric; only the upper triangle is computed.
     *
     * @param x    row-major values with {@code p} columns. Not modified.
     * @param rows the {@code count} row indices used, or null for rows {@code 0 .. count-1}. Not modified.
     */
    public static double[] pointGram(double[] x, int p, int[] rows, int count, KernelThreads t) {
        double[] g = new double[count * count];
        RowsSource source = new RowsSource(x, p, rows, count);
        ENGINE.multiply(source, source, true, g, t);
        return g;
    }

    /**
     * The upper triangle and the diagonal of the Gram matrix of selected points, as {@link #pointGram} computes
     * them, without the mirrored lower triangle: for a caller that reads only {@code G[i][j]} with
     * {@code i <= j}, which saves a pass over the {@code count × count} result.
     *
     * @return row-major {@code count × count}; entries below the diagonal are unspecified
     */
    public static double[] pointGramUpper(double[] x, int p, int[] rows, int count, KernelThreads t) {
        double[] g = new double[count * count];
        RowsSource source = new RowsSource(x, p, rows, count);
        ENGINE.multiply(source, source, true, false, g, t);
        return g;
    }

    /**
     * Matrix product {@code C = XV}, shape {@code n × r}.
     *
     * @param x row-major {@code n × p}. Not modified.
     * @param v row-major {@code p × r}. Not modified.
     */
    public static double[] times(double[] x, int n, int p, double[] v, int r, KernelThreads t) {
        double[] c = new double[n * r];
        ENGINE.multiply(new RowsSource(x, p, null, n), new ColumnsSource(v, p, r, r), false, c, t);
        return c;
    }
}
