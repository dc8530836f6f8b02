package org.defrost.kernels;

/**
 * Per-thread scratch buffers for packing operands, grown on demand and reused, so that products allocate
 * nothing once the largest shapes have been seen. Each buffer has one user per product.
 */
final class Workspace {
    private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);

    private float[] first = new float[0];
    private float[] second = new float[0];
    private float[][] operandRows = new float[0][0];
    private int operandRowLength;
    private float[][] outputRows = new float[2][0];

    static Workspace current() {
        return LOCAL.get();
    }

    /** A buffer of at least {@code size} floats with unspecified contents. */
    float[] first(int size) {
        if (first.length < size) {
            first = new float[size];
        }
        return first;
    }

    /** A second buffer, distinct from {@link #first(int)}, of at least {@code size} floats. */
    float[] second(int size) {
        if (second.length < size) {
            second = new float[size];
        }
        return second;
    }

    /** At least {@code count} separate arrays of at least {@code length} floats each, contents unspecified. */
    float[][] operandRows(int count, int length) {
        if (operandRows.length < count || operandRowLength < length) {
            operandRowLength = Math.max(length, operandRowLength);
            operandRows = new float[Math.max(count, operandRows.length)][operandRowLength];
        }
        return operandRows;
    }

    /** Two separate arrays of at least {@code length} floats each, distinct from {@link #operandRows}. */
    float[][] outputRows(int length) {
        if (outputRows[0].length < length) {
            outputRows = new float[2][length];
        }
        return outputRows;
    }
}
