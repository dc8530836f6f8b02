package org.defrost.npy;

import java.util.Arrays;

/**
 * An array read from a {@code .npy} file: its numpy dtype, its shape and its values in C (row-major) order.
 * Exactly one of the value arrays is non-null, chosen by the dtype's family: 32-bit and 16-bit floating
 * point types are held as {@code float[]}, 64-bit floating point as {@code double[]}, integer and
 * boolean types as {@code long[]}.
 *
 * @param dtype   numpy dtype descriptor as written to or found in the file, e.g. {@code "<f4"}
 * @param shape   dimensions; empty for a scalar
 * @param floats  values for 32-bit (and 16-bit) floating point dtypes, else null
 * @param doubles values for 64-bit floating point dtypes, else null
 * @param longs   values for integer and boolean dtypes, else null
 */
public record NpyArray(String dtype, int[] shape, float[] floats, double[] doubles, long[] longs) {

    /** Number of elements: the product of the shape. */
    public long size() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Whether the dtype is a floating point type. */
    public boolean isFloatingPoint() {
        return floats != null || doubles != null;
    }

    /** The values converted to float; the stored array itself when the dtype is 32-bit float. */
    public float[] asFloats() {
        if (floats != null) {
            return floats;
        }
        float[] out = new float[(int) size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles != null ? (float) doubles[i] : (float) longs[i];
        }
        return out;
    }

    /** The values converted to double; the stored array itself when the dtype is 64-bit float. */
    public double[] asDoubles() {
        if (doubles != null) {
            return doubles;
        }
        double[] out = new double[(int) size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = floats != null ? floats[i] : longs[i];
        }
        return out;
    }

    /**
     * The values as ints.
     *
     * @throws IllegalStateException if the dtype is floating point or a value does not fit in an int
     */
    public int[] asInts() {
        if (longs == null) {
            throw new IllegalStateException("array of dtype " + dtype + " holds floating point values, not integers");
        }
        int[] out = new int[longs.length];
        for (int i = 0; i < out.length; i++) {
            if (longs[i] != (int) longs[i]) {
                throw new IllegalStateException("value " + longs[i] + " at index " + i + " does not fit in an int");
            }
            out[i] = (int) longs[i];
        }
        return out;
    }

    /** Length of the first dimension (1 for a scalar). */
    public int rows() {
        return shape.length == 0 ? 1 : shape[0];
    }

    /** Length of the second dimension; 1 for a 1-D array or a scalar. */
    public int cols() {
        return shape.length < 2 ? 1 : shape[1];
    }

    @Override
    public String toString() {
        return "NpyArray[dtype=" + dtype + ", shape=" + Arrays.toString(shape) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && dtype.equals(a.dtype) && Arrays.equals(shape, a.shape)
                && Arrays.equals(floats, a.floats) && Arrays.equals(doubles, a.doubles)
                && Arrays.equals(longs, a.longs);
    }

    @Override
    public int hashCode() {
        return 31 * dtype.hashCode() + Arrays.hashCode(shape);
    }
}
