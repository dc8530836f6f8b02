package org.defrost.kernels;

/**
 * What a float32 product does to each element of its output once the element's sum is complete: add a bias
 * per output column, then, when rectifying, take {@code Math.max(0, ·)}. Applied to a tile right after its last
 * inner block, while the tile is still in the first-level cache, so a convolution followed by its bias and ReLU
 * makes one pass over its output instead of two. Each element gets exactly the bits of the separate passes:
 * {@code max(0, fl(sum + bias))}, NaN kept. Immutable; a layer makes its epilogue once, so that its products
 * allocate nothing.
 */
public final class Epilogue {
    /** Leaves the products as they are. */
    public static final Epilogue NONE = new Epilogue(null, false);

    /** One value per output column, or null; read by every product with this epilogue, never modified. */
    final float[] bias;
    final boolean rectify;

    private Epilogue(float[] bias, boolean rectify) {
        this.bias = bias;
        this.rectify = rectify;
    }

    /**
     * The epilogue that adds {@code bias} (one value per output column; null for none) and then, when
     * {@code rectify}, takes {@code Math.max(0, ·)}.
     *
     * @param bias read by every later product with this epilogue, so its values may change between products
     */
    public static Epilogue of(float[] bias, boolean rectify) {
        return bias == null && !rectify ? NONE : new Epilogue(bias, rectify);
    }

    /** Whether this epilogue adds {@code bias} (the same array) and rectifies as {@code rectify} says. */
    public boolean is(float[] bias, boolean rectify) {
        return this.bias == bias && this.rectify == rectify;
    }

    boolean none() {
        return this == NONE;
    }

    /** The finished value of an element of output column {@code column} whose sum is {@code sum}. */
    float apply(float sum, int column) {
        float v = bias == null ? sum : sum + bias[column];
        return rectify ? Math.max(0f, v) : v;
    }

    /** Applies to rows [i0, i1) of the row-major {@code c} with {@code n} columns. c is modified. */
    void applyRows(float[] c, int n, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            for (int j = 0; j < n; j++) {
                c[i * n + j] = apply(c[i * n + j], j);
            }
        }
    }
}
