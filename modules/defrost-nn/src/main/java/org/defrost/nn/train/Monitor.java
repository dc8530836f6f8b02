package org.defrost.nn.train;

/** The validation quantity that early stopping watches; lower is better, and only a strict decrease counts. */
public enum Monitor {
    /** Mean validation loss (the default: smooth, so ties are rare). */
    VALIDATION_LOSS,
    /** Validation 0/1 error. */
    VALIDATION_ERROR
}
