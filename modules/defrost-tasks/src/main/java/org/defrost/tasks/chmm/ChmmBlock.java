package org.defrost.tasks.chmm;

import org.defrost.tasks.LabelledSet;

/**
 * Consecutive rows of one {@link ChmmSet}.
 *
 * @param firstRow     index of the first row in the set
 * @param samples      inputs and labels (for paired probes: the source view)
 * @param pairedTarget for paired probes, the target view of the same latent vectors; otherwise null
 */
public record ChmmBlock(int firstRow, LabelledSet samples, LabelledSet pairedTarget) {
}
