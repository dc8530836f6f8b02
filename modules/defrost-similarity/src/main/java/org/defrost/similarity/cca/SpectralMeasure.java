package org.defrost.similarity.cca;

import org.defrost.similarity.PairMeasure;
import org.defrost.similarity.Representation;
import org.defrost.similarity.RepresentationPair;

/**
 * A measure of the CCA family, computed from the {@link SpectralBasis} of each centred representation: NaN when
 * either representation has no variance (rank 0), else {@link #value(SpectralBasis, Representation, SpectralBasis,
 * Representation)}.
 */
abstract class SpectralMeasure extends PairMeasure {

    SpectralMeasure(String name, Kind kind) {
        super(name, kind);
    }

    @Override
    protected final double value(RepresentationPair pair, Representation repA, Representation repB) {
        SpectralBasis a = SpectralBasis.of(repA);
        SpectralBasis b = SpectralBasis.of(repB);
        return a.rank() == 0 || b.rank() == 0 ? Double.NaN : value(a, repA, b, repB);
    }

    /**
     * The value on two representations that both have variance.
     *
     * @param a    the basis of {@code repA}, rank at least 1
     * @param repA A, not modified
     * @param b    the basis of {@code repB}, rank at least 1
     * @param repB B, not modified
     */
    protected abstract double value(SpectralBasis a, Representation repA, SpectralBasis b, Representation repB);
}
