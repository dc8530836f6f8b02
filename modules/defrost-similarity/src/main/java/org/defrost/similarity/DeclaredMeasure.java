package org.defrost.similarity;

/**
 * A measure whose registry name and kind are declared once, at construction, rather than by overriding
 * {@link #name()}, {@link #comparesTwo()} and {@link #symmetric()} in every implementation.
 */
public abstract class DeclaredMeasure implements SimilarityMeasure {

    /** What a measure compares, which fixes {@link #comparesTwo()} and {@link #symmetric()}. */
    public enum Kind {
        /** Compares A with B, and {@code m(A, B) = m(B, A)}. */
        SYMMETRIC,
        /** Compares A with B, and is reported in both directions. */
        ASYMMETRIC,
        /** Describes A alone (B is not used). */
        DESCRIPTOR
    }

    private final String name;
    private final Kind kind;

    protected DeclaredMeasure(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean comparesTwo() {
        return kind != Kind.DESCRIPTOR;
    }

    @Override
    public final boolean symmetric() {
        return kind != Kind.ASYMMETRIC;
    }
}
