package org.defrost.similarity;

import java.util.Optional;

/** What {@link LayerwiseSimilarity} reports for one measure. */
public sealed interface LayerwiseResult permits LayerwiseResult.CrossLayer, LayerwiseResult.PerLayer {

    /** Registry name of the measure. */
    String measure();

    /**
     * A two-representation measure over all layer pairs.
     *
     * @param forward {@code m(first layer i, second layer j)} at {@code [i][j]}
     * @param reverse for asymmetric measures, {@code m(second layer j, first layer i)} at {@code [i][j]}
     */
    record CrossLayer(String measure, SimilarityTable forward, Optional<SimilarityTable> reverse)
            implements LayerwiseResult {
    }

    /** A one-representation measure on every layer of each network. */
    record PerLayer(String measure, LayerProfile first, LayerProfile second) implements LayerwiseResult {
    }
}
