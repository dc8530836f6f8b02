package org.defrost.nn.train;

/** Told about every finished epoch, on the training thread (keep it quick). */
@FunctionalInterface
public interface EpochListener {
    /** Called after epoch {@code record.epoch()} and its validation. */
    void onEpoch(EpochRecord record);
}
