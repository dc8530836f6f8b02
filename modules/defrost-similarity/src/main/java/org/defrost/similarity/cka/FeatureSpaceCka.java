package org.defrost.similarity.cka;

import org.defrost.similarity.PairMeasure;
import org.defrost.similarity.Representation;
import org.defrost.similarity.RepresentationPair;

/**
 * A CKA variant computed in feature space, never from an {@code n × n} kernel: from {@code ||XᵀY||_F²} of the
 * column-centred X and Y and the {@link CentredStatistics} of each, after checking that there are enough points.
 */
abstract class FeatureSpaceCka extends PairMeasure {
    private final int minimumPoints;

    /** @param minimumPoints the fewest points (rows) the estimator is defined for */
    FeatureSpaceCka(String name, int minimumPoints) {
        super(name, Kind.SYMMETRIC);
        this.minimumPoints = minimumPoints;
    }

    @Override
    protected final double value(RepresentationPair pair, Representation a, Representation b) {
        CkaInputs.requirePoints(name(), pair, minimumPoints);
        return value(CentredStatistics.sumOfSquares(pair.crossProduct()), CentredStatistics.of(a),
                CentredStatistics.of(b), pair.rows());
    }

    /**
     * The value from the statistics of n points.
     *
     * @param crossSquaredNorm {@code ||XᵀY||_F²}
     * @param x                statistics of X
     * @param y                statistics of Y
     * @param n                number of points
     */
    protected abstract double value(double crossSquaredNorm, CentredStatistics x, CentredStatistics y, int n);
}
