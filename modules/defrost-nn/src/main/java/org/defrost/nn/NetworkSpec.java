package org.defrost.nn;

import java.util.List;

/**
 * The architecture of a fully connected network: {@code inputDim -> hiddenWidths... -> outputDim}.
 *
 * <p>Layers are numbered from 1 at the input: hidden layers are {@code 1..L} with {@code L =
 * hiddenWidths.size()}, and the readout is layer {@code L + 1}. Layer 0 denotes the input itself. Hidden
 * layers apply {@code activation} after the bias; the readout is affine and feeds {@code head}.
 *
 * @param inputDim     N, the width of an input row; at least 1
 * @param hiddenWidths widths of the hidden layers 1..L (may be empty); each at least 1
 * @param outputDim    K, the readout width (1 for {@link Head#BINARY_LOGISTIC})
 * @param activation   activation of every hidden layer
 * @param head         loss and prediction rule on the readout
 * @param init         weight initialisation of every layer
 * @param bias         whether layers have biases (zero at initialisation)
 */
public record NetworkSpec(int inputDim, List<Integer> hiddenWidths, int outputDim, Activation activation,
                          Head head, Init init, boolean bias) {

    public NetworkSpec {
        if (inputDim < 1 || outputDim < 1) {
            throw new IllegalArgumentException("input and output widths must be positive, got "
                    + inputDim + " and " + outputDim);
        }
        hiddenWidths = List.copyOf(hiddenWidths);
        for (int w : hiddenWidths) {
            if (w < 1) {
                throw new IllegalArgumentException("hidden widths must be positive, got " + hiddenWidths);
            }
        }
        if (activation == null || head == null || init == null) {
            throw new IllegalArgumentException("activation, head and init are required");
        }
        head.checkOutputDim(outputDim);
    }

    /**
     * The method's default network on the given widths: ReLU, He-normal, biases, and the logistic head for one
     * output or softmax cross-entropy for several.
     */
    public static NetworkSpec of(int inputDim, List<Integer> hiddenWidths, int outputDim) {
        Head head = outputDim == 1 ? Head.BINARY_LOGISTIC : Head.SOFTMAX_CROSS_ENTROPY;
        return new NetworkSpec(inputDim, hiddenWidths, outputDim, Activation.RELU, head, Init.heNormal(), true);
    }

    /** This spec with another hidden activation. */
    public NetworkSpec withActivation(Activation a) {
        return new NetworkSpec(inputDim, hiddenWidths, outputDim, a, head, init, bias);
    }

    /** This spec with another head (checked against the output width). */
    public NetworkSpec withHead(Head h) {
        return new NetworkSpec(inputDim, hiddenWidths, outputDim, activation, h, init, bias);
    }

    /** This spec with another initialisation. */
    public NetworkSpec withInit(Init i) {
        return new NetworkSpec(inputDim, hiddenWidths, outputDim, activation, head, i, bias);
    }

    /** This spec with or without biases. */
    public NetworkSpec withBias(boolean b) {
        return new NetworkSpec(inputDim, hiddenWidths, outputDim, activation, head, init, b);
    }

    /** This spec with another readout width and head (for a target task with other classes). */
    public NetworkSpec withOutput(int outputDim, Head head) {
        return new NetworkSpec(inputDim, hiddenWidths, outputDim, activation, head, init, bias);
    }

    /** L, the number of hidden layers. */
    public int hiddenLayerCount() {
        return hiddenWidths.size();
    }

    /** L + 1, the number of weight layers including the readout. */
    public int layerCount() {
        return hiddenWidths.size() + 1;
    }

    /** The output width of layer {@code layer} (0 = the input, L+1 = the readout). */
    public int width(int layer) {
        if (layer < 0 || layer > layerCount()) {
            throw new IllegalArgumentException("layer " + layer + " outside 0.." + layerCount());
        }
        if (layer == 0) {
            return inputDim;
        }
        return layer == layerCount() ? outputDim : hiddenWidths.get(layer - 1);
    }

    /** The activation after layer {@code layer} (1-based): the hidden activation, linear for the readout. */
    public Activation activationOf(int layer) {
        return layer == layerCount() ? Activation.LINEAR : activation;
    }
}
