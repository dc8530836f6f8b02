package org.defrost.study;

import org.defrost.study.support.TrainingSettings;
import org.defrost.tasks.TargetSplit;

/**
 * The work unit of {@code fine-tune}: one cell of the sweep. It holds exactly what determines the cell's
 * result (with the unit's seed and the contents of its task pair and source network), so adding target
 * sizes or seeds to a pipeline trains only the new cells.
 *
 * @param targetSize     n as requested
 * @param split          which target rows it trains and early-stops on
 * @param depth          ℓ, the transfer depth
 * @param build          how layers above ℓ start: {@code random} or {@code pretrained}
 * @param twoStage       after training with ℓ frozen, unfreeze everything and fine-tune again
 * @param twoStageFactor learning-rate factor of the second stage
 * @param training       the training settings
 */
record FineTuneCell(int targetSize, TargetSplit split, int depth, String build, boolean twoStage,
                    double twoStageFactor, TrainingSettings training) {
}
