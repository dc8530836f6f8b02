package org.defrost.study.fast;

import java.util.List;
import org.defrost.study.support.TrainingSettings;
import org.defrost.tasks.TargetSplit;

/**
 * The work unit of {@code depth-prediction}: the prediction for one source network (with its task pair) and one
 * target size. It holds exactly what determines the prediction, with the contents of the task pair and S.
 *
 * @param targetSize n as requested
 * @param split      which target rows it trains and validates on
 * @param candidates the distinct starting networks of the plan, deepest first
 * @param training   how candidates train
 * @param schedule   the successive-halving schedule
 * @param probeRidge   the probes' ridge penalty
 * @param probePruning whether the probes keep clearly worse depths out of the halving
 */
record PredictionUnit(int targetSize, TargetSplit split, List<DepthPredictor.Candidate> candidates,
                      TrainingSettings training, HalvingSchedule schedule, double probeRidge, boolean probePruning) {
}
