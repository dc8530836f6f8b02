package org.defrost.kernels;

/**
 * The innermost block of a matrix product: a register-resident {@code rows() × cols()} tile of C updated
 * with the outer products of one packed panel from each operand.
 */
abstract class DoubleMicroKernel {
    private final int rows;
    private final int cols;

    DoubleMicroKernel(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
    }

    /** Tile height MR: how many a-side indices one packed a-panel holds. */
    final int rows() {
        return rows;
    }

    /** Tile width NR: how many b-side indices one packed b-panel holds. */
    final int cols() {
        return cols;
    }

    /**
     * {@code c[co + i*ldc + j] (+)= Σ_{r<kc} a[ao + r*MR + i] · b[bo + r*NR + j]} for {@code i < MR, j < NR}.
     *
     * @param a          packed a-panel, {@code kc × MR} row-major from {@code ao}. Not modified.
     * @param b          packed b-panel, {@code kc × NR} row-major from {@code bo}. Not modified.
     * @param c          the tile of C, row stride {@code ldc}. Modified.
     * @param accumulate whether to add to the tile, continuing each element's running sum from its value (so
     *                   a sum cut into depth blocks is added in the same order as in one block); otherwise the
     *                   tile is overwritten, so C need not be cleared before the first depth block
     */
    abstract void multiply(double[] a, int ao, double[] b, int bo, int kc, double[] c, int co, int ldc,
                           boolean accumulate);
}
