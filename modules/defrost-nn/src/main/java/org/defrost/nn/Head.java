package org.defrost.nn;

import java.util.Locale;

/**
 * The loss applied to the readout's raw output ({@code n × K}, one row per sample) and the rule that turns
 * the output into a predicted class. Labels are class indices; the loss of a batch is the mean over its
 * samples.
 */
public enum Head {
    /**
     * Binary logistic loss on logits (BCE with logits), {@code K = 1}, labels 0/1 with 1 the positive
     * class: {@code loss = max(z, 0) - z y + log(1 + exp(-|z|))}; predicts 1 when {@code z > 0}.
     */
    BINARY_LOGISTIC,
    /**
     * Softmax cross-entropy, {@code K >= 2}, labels {@code 0..K-1}:
     * {@code loss = log(sum_j exp(z_j)) - z_y}; predicts the first arg-max.
     */
    SOFTMAX_CROSS_ENTROPY,
    /**
     * Mean squared error, the mean over samples and outputs of {@code (z_j - t_j)^2} (as PyTorch's
     * {@code MSELoss}). For {@code K = 1} the target is the label itself (0 or 1) and the prediction is
     * {@code z > 0.5}; for {@code K >= 2} the target is the one-hot label and the prediction the first
     * arg-max.
     */
    MEAN_SQUARED_ERROR;

    /** The lower-case name used in files, e.g. {@code "binary_logistic"}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The head named {@code id} (case-insensitive). */
    public static Head fromId(String id) {
        for (Head h : values()) {
            if (h.id().equalsIgnoreCase(id)) {
                return h;
            }
        }
        throw new IllegalArgumentException("unknown head '" + id + "'; expected one of "
                + java.util.Arrays.toString(Activation.ids(values())));
    }

    /** Checks that this head can sit on {@code outputDim} outputs. */
    public void checkOutputDim(int outputDim) {
        if (this == BINARY_LOGISTIC && outputDim != 1) {
            throw new IllegalArgumentException("head binary_logistic needs output width 1, got " + outputDim);
        }
        if (this == SOFTMAX_CROSS_ENTROPY && outputDim < 2) {
            throw new IllegalArgumentException("head softmax_cross_entropy needs output width >= 2, got "
                    + outputDim);
        }
    }

    /** The number of classes a label may take: 2 for a single output, else the output width. */
    public int classCount(int outputDim) {
        return outputDim == 1 ? 2 : outputDim;
    }
}
