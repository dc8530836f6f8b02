package org.defrost.nn.train;

/** Why training stopped normally (cancellation and divergence end it with an exception instead). */
public enum StopReason {
    /** The monitored validation quantity did not improve for {@code patience} epochs. */
    EARLY_STOPPING,
    /** The epoch budget was used up. */
    MAX_EPOCHS
}
