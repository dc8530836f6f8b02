package org.defrost.similarity;

/**
 * A measure that compares A with B in one exact computation (no point subsets): {@link #compute} checks
 * that B is given and reports the value as {@link SimilarityResult#exact exact}.
 */
public abstract class PairMeasure extends DeclaredMeasure {

    /** @param kind {@link Kind#SYMMETRIC} or {@link Kind#ASYMMETRIC} */
    protected PairMeasure(String name, Kind kind) {
        super(name, kind);
        if (kind == Kind.DESCRIPTOR) {
            throw new IllegalArgumentException(name + ": a pair measure compares two representations");
        }
    }

    @Override
    public final SimilarityResult compute(RepresentationPair pair) {
        Representation b = pair.requireB(name());
        return SimilarityResult.exact(name(), value(pair, pair.a(), b));
    }

    /**
     * The value on A and B.
     *
     * @param pair the pair, for its shared cross-product and size
     * @param a    {@code pair.a()}
     * @param b    {@code pair.b()}, present
     * @throws InvalidSimilarityInputException if the data do not suit the measure
     */
    protected abstract double value(RepresentationPair pair, Representation a, Representation b);
}
