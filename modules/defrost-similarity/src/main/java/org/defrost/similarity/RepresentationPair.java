package org.defrost.similarity;

import org.defrost.kernels.DoubleProducts;

/**
 * Two row-paired representations A ({@code n × p}) and B ({@code n × q}) to compare, or A alone for
 * measures that describe one representation. The centred cross-product {@code AᵀB} is computed once and
 * shared by the measures that need it (linear and debiased CKA, Procrustes).
 */
public final class RepresentationPair {
    private final Representation a;
    private final Representation b;
    private double[] crossProduct;

    private RepresentationPair(Representation a, Representation b) {
        this.a = a;
        this.b = b;
    }

    /**
     * A pair of representations of the same points.
     *
     * @throws InvalidSimilarityInputException if the row counts differ
     */
    public static RepresentationPair of(Representation a, Representation b) {
        if (a.rows() != b.rows()) {
            throw new InvalidSimilarityInputException(a.name() + " has " + a.rows() + " rows but " + b.name()
                    + " has " + b.rows() + "; rows must be the same points in the same order");
        }
        return new RepresentationPair(a, b);
    }

    /** A single representation, for measures that describe one representation. */
    public static RepresentationPair single(Representation a) {
        return new RepresentationPair(a, null);
    }

    public Representation a() {
        return a;
    }

    /** The second representation, or null for a single one. */
    public Representation b() {
        return b;
    }

    /** The second representation. @throws InvalidSimilarityInputException naming {@code measure} if absent */
    public Representation requireB(String measure) {
        if (b == null) {
            throw new InvalidSimilarityInputException(measure + " compares two representations; give B as well as A");
        }
        return b;
    }

    /** Number of points n. */
    public int rows() {
        return a.rows();
    }

    /** {@code AᵀB} of the centred matrices, row-major {@code p × q}; cached. Shared: do not modify. */
    public synchronized double[] crossProduct() {
        if (crossProduct == null) {
            Representation second = requireB("the cross-product");
            Representation.Centring x = a.centring();
            Representation.Centring y = second.centring();
            crossProduct = DoubleProducts.centredCrossProduct(x.values(), x.mean(), a.rows(), a.cols(), y.values(),
                    y.mean(), second.cols(), a.threads());
        }
        return crossProduct;
    }
}
