package org.defrost.kernels;

import org.ejml.data.Matrix;
import org.ejml.data.ReshapeMatrix;

/**
 * Which operands of {@code c = op(a)·op(b)} are transposed, with the shape rules of each form. All matrices are
 * row-major; {@code m×n} is the shape of c and k the summed dimension.
 */
enum ProductForm {
    /** c = a·b; a m×k, b k×n. */
    PLAIN,
    /** c = aᵀ·b; a k×m, b k×n. */
    TRANS_A,
    /** c = a·bᵀ; a m×k, b n×k. */
    TRANS_B;

    int rows(Matrix a) {
        return this == TRANS_A ? a.getNumCols() : a.getNumRows();
    }

    int cols(Matrix b) {
        return this == TRANS_B ? b.getNumRows() : b.getNumCols();
    }

    int inner(Matrix a) {
        return this == TRANS_A ? a.getNumRows() : a.getNumCols();
    }

    /**
     * Checks that the operands conform and do not alias the output, then reshapes c (accumulate false) or
     * checks its shape (accumulate true).
     */
    <M extends Matrix & ReshapeMatrix> void prepare(Matrix a, Matrix b, M c, boolean accumulate) {
        if (c == a || c == b) {
            throw new IllegalArgumentException("the output matrix must not be an operand of the product");
        }
        int innerB = this == TRANS_B ? b.getNumCols() : b.getNumRows();
        if (inner(a) != innerB) {
            throw new IllegalArgumentException(describe(a, b) + ": inner dimensions " + inner(a) + " and "
                    + innerB + " differ");
        }
        int m = rows(a);
        int n = cols(b);
        if (!accumulate) {
            c.reshape(m, n);
        } else if (c.getNumRows() != m || c.getNumCols() != n) {
            throw new IllegalArgumentException(describe(a, b) + " accumulates into a " + m + "×" + n
                    + " matrix, got " + c.getNumRows() + "×" + c.getNumCols());
        }
    }

    private String describe(Matrix a, Matrix b) {
        String op = this == PLAIN ? "a·b" : this == TRANS_A ? "aᵀ·b" : "a·bᵀ";
        return op + " with a " + a.getNumRows() + "×" + a.getNumCols() + " and b " + b.getNumRows() + "×"
                + b.getNumCols();
    }
}
