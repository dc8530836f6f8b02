package org.defrost.kernels;

/**
 * The arithmetic of one floating-point precision on runs of consecutive array elements, which the image
 * operations ({@link ImageLowering}, {@link ImagePooling}, {@link BatchNormalisation}) are written once against:
 * they walk the geometry and hand each run of channels to these methods. {@link #FLOAT} computes in float32
 * (each operation rounds as the same expression written on {@code float[]} would), {@link #DOUBLE} in float64.
 * Sums that this interface returns as {@code double} are accumulated in double in both precisions.
 *
 * <p>Arguments name the array ({@code float[]} or {@code double[]}), the first element and the length of each
 * run; only the arrays the description says are modified.
 *
 * @param <A> {@code float[]} or {@code double[]}
 */
public interface ElementOps<A> {
    /** float32, with max pooling's selections on the Vector API when {@link VectorSupport} says so. */
    @SuppressWarnings("unchecked")
    ElementOps<float[]> FLOAT = VectorSupport.ENABLED ? VectorSupport.create("VectorFloatElementOps", ElementOps.class)
            : new FloatElementOps();
    /** float64. */
    ElementOps<double[]> DOUBLE = new DoubleElementOps();

    /** Element {@code i} of {@code a}, widened to double. */
    double get(A a, int i);

    /** Sets element {@code i} of {@code a} (modified) to {@code value} rounded to the precision. */
    void set(A a, int i, double value);

    /** {@code a[from..to) = 0}; {@code a} modified. */
    void zero(A a, int from, int to);

    /** {@code dst[to + i] += src[from + i]} for i &lt; n; {@code dst} modified. */
    void add(A src, int from, A dst, int to, int n);

    /** {@code dst[to + i] = max(dst[to + i], src[from + i])} for i &lt; n ({@link Math#max}); {@code dst} modified. */
    void max(A src, int from, A dst, int to, int n);

    /** {@code a[from + i] *= 1/count} for i &lt; n, the factor rounded to the precision; {@code a} modified. */
    void scaleByInverse(A a, int from, int n, int count);

    /** {@code dst[to + i] += src[from + i]·(1/count)} for i &lt; n, the factor rounded to the precision; dst modified. */
    void addScaledByInverse(A src, int from, A dst, int to, int n, int count);

    /**
     * Max pooling of one window that records where the maximum is, for a run of n channels: with
     * {@code v_t = in[at + offsets[t] + i]} over the window positions t in order, {@code out[o + i]} gets
     * {@code max(... max(max(v_0, v_1), v_2) ...)} ({@link Math#max}, so NaN wins) and {@code positions[o + i]} the
     * last t whose value was greater than the maximum of the positions before it (0 if none): the first position
     * equal to the maximum. For i &lt; n; {@code out, positions} modified.
     */
    void windowMax(A in, int at, int[] offsets, A out, int o, int[] positions, int n);

    /**
     * Max pooling's gradient for one window when windows do not overlap, for a run of n channels:
     * {@code grad[at + offsets[t] + i] = positions[o + i] == t ? gradOut[o + i] : 0} for every window position t
     * and i &lt; n. {@code grad} modified.
     */
    void windowRoute(A gradOut, int o, int[] positions, A grad, int at, int[] offsets, int n);

    /**
     * One window position {@code tap} of max pooling's gradient for overlapping windows:
     * {@code grad[at + i] += gradOut[o + i]} where
     * {@code positions[o + i] == tap}, other elements untouched. {@code grad} modified.
     */
    void addRouted(A gradOut, int o, int[] positions, int tap, A grad, int at, int n);

    /**
     * {@code sums[c] = Σ_r a[r·cols + c]} for columns {@code c0 ≤ c < c1}, over r &lt; rows, in double, each column
     * in row order: one pass over a row-major array. {@code sums[c0..c1)} overwritten.
     */
    void columnSums(A a, int rows, int cols, int c0, int c1, double[] sums);

    /**
     * {@code out[c] = Σ_r g[r·cols + c]} over rows {@code r < rows}, for columns {@code [c0, c1)} of the
     * row-major {@code rows × cols} array g: each sum one chain of additions in row order, starting from zero,
     * rounded in the precision (unlike {@link #columnSums}, which sums in double). Only {@code out[c0..c1)} is
     * modified.
     */
    void columnSumsInPrecision(A g, int rows, int cols, int c0, int c1, A out);

    /**
     * {@code sums[c] = Σ_r (a[r·cols + c] − means[c])²} for {@code c0 ≤ c < c1}, in double, each column in row
     * order. {@code sums[c0..c1)} overwritten; {@code means} not modified.
     */
    void columnSquaredDeviations(A a, int rows, int cols, int c0, int c1, double[] means, double[] sums);

    /**
     * {@code sums[c] = Σ_r a[r·cols + c]·b[r·cols + c]} for {@code c0 ≤ c < c1}, in double, each column in row
     * order. {@code sums[c0..c1)} overwritten.
     */
    void columnDots(A a, A b, int rows, int cols, int c0, int c1, double[] sums);

    /**
     * Batch normalisation of one pixel's n channels at {@code row}: {@code x̂ = (x − shift)·s}, {@code y = γ·x̂ + β},
     * in the precision. {@code shift, s, gamma, beta} hold one value per channel from 0. {@code xhat, y} modified.
     */
    void normalise(A x, int row, A shift, A s, A gamma, A beta, A xhat, A y, int n);

    /**
     * The input gradient of {@link #normalise} for one pixel's n channels at {@code row}, with {@code k = γ·s}:
     * {@code dx = k/P·(P·g − dβ − x̂·dγ)} over P pixels in training mode, else {@code k·g}. Per-channel arrays from
     * 0; {@code dx} modified.
     */
    void normaliseBackward(A g, int row, A xhat, A gamma, A s, A dGamma, A dBeta, int pixels, boolean training,
                           A dx, int n);
}
