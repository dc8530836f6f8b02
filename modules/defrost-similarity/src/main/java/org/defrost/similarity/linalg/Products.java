package org.defrost.similarity.linalg;

/**
 * Fast dense products for the similarity measures, on row-major {@code double[]} matrices. Every method
 * runs on one cache-blocked, vectorised, multi-threaded engine (see {@link BlockedProduct}) that reads its
 * inputs in place; results are newly allocated row-major arrays. Callers centre their data beforehand
 * when the measure needs centred products.
 */
public final class Products {
    private static final BlockedProduct ENGINE = BlockedProduct.standard();

    private Products() {
    }

    /**
     * Cross-product {@code C = XᵀY}, shape {@code p × q}.
     *
     * @param x row-major {@code n × p}. Not modified.
     * @param y row-major {@code n × q}. Not modified.
     */
    public static double[] crossProduct(double[] x, int n, int p, double[] y, int q) {
        return crossProduct(x, n, p, p, y, q, q);
    }

    /**
     * Cross-product of leading columns, {@code C = X[:, :p]ᵀ Y[:, :q]}, shape {@code p × q}.
     *
     * @param x row-major, n rows of stride {@code ldx >= p}. Not modified.
     * @param y row-major, n rows of stride {@code ldy >= q}. Not modified.
     */
    public static double[] crossProduct(double[] x, int n, int p, int ldx, double[] y, int q, int ldy) {
        double[] c = new double[p * q];
        ENGINE.multiply(new ColumnsSource(x, n, p, ldx), new ColumnsSource(y, n, q, ldy), false, c);
        return c;
    }

    /**
     * Gram matrix of the columns {@code C = XᵀX}, shape {@code p × p}, exactly symmetric; only the upper
     * triangle is computed.
     *
     * @param x row-major {@code n × p}. Not modified.
     */
    public static double[] columnGram(double[] x, int n, int p) {
        double[] c = new double[p * p];
        ColumnsSource source = new ColumnsSource(x, n, p, p);
        ENGINE.multiply(source, source, true, c);
        return c;
    }

    /**
     * Gram matrix of selected points {@code G[i][j] = x_{rows[i]} · x_{rows[j]}}, shape
     * {@code count × count}, exactly symmetric; only the upper triangle is computed.
     *
     * @param x    row-major values with {@code p} columns. Not modified.
     * @param rows the {@code count} row indices used, or null for rows {@code 0 .. count-1}. Not modified.
     */
    public static double[] pointGram(double[] x, int p, int[] rows, int count) {
        double[] g = new double[count * count];
        RowsSource source = new RowsSource(x, p, rows, count);
        ENGINE.multiply(source, source, true, g);
        return g;
    }

    /**
     * Matrix product {@code C = XV}, shape {@code n × r}.
     *
     * @param x row-major {@code n × p}. Not modified.
     * @param v row-major {@code p × r}. Not modified.
     */
    public static double[] times(double[] x, int n, int p, double[] v, int r) {
        double[] c = new double[n * r];
        ENGINE.multiply(new RowsSource(x, p, null, n), new ColumnsSource(v, p, r, r), false, c);
        return c;
    }
}
