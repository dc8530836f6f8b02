package org.defrost.nn.transfer;

/** How the trainable hidden layers above the transfer depth start (the readout always starts fresh). */
public enum UnfrozenInit {
    /** Freshly initialised: transfer only the first ℓ layers. */
    RANDOM,
    /** Copied from the source and then trained: the literal "defrosting". */
    PRETRAINED
}
