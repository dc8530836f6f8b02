package org.defrost.similarity;

/**
 * A representation similarity measure (or, for {@link #comparesTwo()} false, a descriptor of one
 * representation such as its intrinsic dimension). Instances are immutable and hold their parameters;
 * create them with {@link SimilarityMeasures#create}.
 */
public interface SimilarityMeasure {

    /** Registry name, e.g. {@code "linear-cka"}. */
    String name();

    /** Whether the measure compares two representations; false when it describes A alone. */
    boolean comparesTwo();

    /** Whether {@code m(A, B) = m(B, A)}; an asymmetric measure is reported in both directions. */
    boolean symmetric();

    /**
     * The measure on A and B (or on A alone).
     *
     * @throws InvalidSimilarityInputException if the data do not suit the measure (too few points, B or
     *                                         labels missing, k too large for the subsets)
     */
    SimilarityResult compute(RepresentationPair pair);

    /** The measure on two representations of the same points, or on {@code a} alone when {@code b} is null. */
    default SimilarityResult compute(Representation a, Representation b) {
        return compute(b == null ? RepresentationPair.single(a) : RepresentationPair.of(a, b));
    }
}
