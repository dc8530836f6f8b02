package org.defrost.study;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.defrost.study.support.TrainingSettings;
import org.defrost.tasks.TargetSplit;

/**
 * The work unit of {@code similarity}: train one T* on {@code targetSize} target examples for one seed and
 * compare it with that seed's S. It holds exactly what determines the result (with the unit's seed and the
 * contents of the task pair and source network).
 *
 * @param targetSize n, the examples T* trains on (as requested; see {@link TargetSplit})
 * @param split      which target rows it trains and early-stops on
 * @param training   the training settings
 * @param probes     the probe modes
 * @param measures   the measures
 * @param k          neighbours of the neighbour-based measures; 0 for each measure's default
 * @param threshold  rbf-cka bandwidth factor
 * @param subsetSize subset size of the neighbour-based measures
 * @param featureMaps how a block network's feature maps become representations ({@link BlockStudy#FEATURE_MAPS});
 *                    null for dense source networks, and then absent from the unit's key
 */
record SimilarityUnit(int targetSize, TargetSplit split, TrainingSettings training, List<String> probes,
                      List<String> measures, int k, double threshold, int subsetSize,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String featureMaps) {
}
