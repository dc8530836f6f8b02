package org.defrost.similarity.cka;

import org.defrost.similarity.InvalidSimilarityInputException;
import org.defrost.similarity.RepresentationPair;

/** Checks and conventions shared by the CKA variants. */
final class CkaInputs {
    private CkaInputs() {
    }

    static void requirePoints(String measure, RepresentationPair pair, int minimum) {
        if (pair.rows() < minimum) {
            throw new InvalidSimilarityInputException(measure + " needs at least " + minimum + " points, got "
                    + pair.rows());
        }
    }

    /** {@code numerator / denominator}, NaN when the denominator is not positive (no variance). */
    static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }
}
