package org.defrost.study;

import java.util.ArrayList;
import java.util.List;
import org.defrost.nn.Activation;
import org.defrost.nn.Head;
import org.defrost.nn.Init;
import org.defrost.nn.NetworkSpec;
import org.defrost.spi.ParameterException;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.study.support.TrainingSettings;
import org.defrost.tasks.ValidationSplit;

/**
 * The architecture and training parameters shared by the stages that train networks, declared once
 * (defaults from method §3–§4) and bound by {@link Layers} and {@link TrainingSettings}. The target side's
 * sizes and validation rows are {@link org.defrost.study.support.TargetSizes}.
 */
public final class TrainingParameters {
    /** Parameters describing the network's feature layers. */
    public static final List<ParameterSpec> ARCHITECTURE = List.of(
            ParameterSpec.integers("hidden", List.of(500L, 500L, 500L, 500L, 500L),
                    "Widths of the hidden (feature) layers 1..L, from the input side.").withRange(1, 100_000),
            ParameterSpec.choice("activation", "relu", List.of("relu", "tanh", "erf", "sigmoid", "linear"),
                    "Activation of the hidden layers; erf means erf(z/sqrt(2))."),
            ParameterSpec.choice("init", "he_normal", List.of("he_normal", "xavier_normal", "normal"),
                    "Weight initialisation; biases start at zero."),
            ParameterSpec.number("initScale", 1.0, "Standard deviation of the weights when init is normal.")
                    .withRange(1e-12, 1e6),
            ParameterSpec.bool("bias", true, "Whether layers have biases."));

    /** Parameters describing how a network is trained. */
    public static final List<ParameterSpec> TRAINING = TrainingSettings.SPECS;

    /** How the source network's training set is divided for early stopping (method §4). */
    public static final List<ParameterSpec> SOURCE_VALIDATION = List.of(
            ParameterSpec.number("validationFraction", ValidationSplit.DEFAULT.fraction(),
                    "Share of the source training set held out for early stopping.").withRange(0.01, 0.9),
            ParameterSpec.integer("validationMinimum", ValidationSplit.DEFAULT.minimum(),
                    "Smallest validation split, in samples (capped at half of the training set).")
                    .withRange(1, 1_000_000));

    private TrainingParameters() {
    }

    /** Architecture then training specs, optionally followed by stage-specific ones. */
    public static List<ParameterSpec> all(List<ParameterSpec> extra) {
        List<ParameterSpec> out = new ArrayList<>(ARCHITECTURE);
        out.addAll(TRAINING);
        out.addAll(extra);
        return List.copyOf(out);
    }

    /**
     * Bytes to train a network with these hidden widths on inputs of {@code inputDim} (unknown to a stage
     * until its task exists, so callers pass the widest plausible, e.g. the first hidden width): weights,
     * gradients and two optimiser moments, plus activations and their gradients for one minibatch of each
     * layer, in float32. The datasets are counted by the task stage.
     */
    static long trainingBytes(List<Integer> hidden, int inputDim, int batch) {
        long params = 0;
        long activations = inputDim;
        int previous = inputDim;
        for (int width : hidden) {
            params += (long) previous * width + width;
            activations += width;
            previous = width;
        }
        params += previous + 1L;
        return Float.BYTES * (4 * params + 3L * batch * activations);
    }

    /**
     * The feature layers of a fully connected network ({@link #ARCHITECTURE}), bound.
     *
     * @param hidden     widths of the hidden layers 1..L, from the input side
     * @param activation activation of the hidden layers
     * @param init       initialisation of the weights (biases start at zero)
     * @param bias       whether layers have biases
     */
    public record Layers(List<Integer> hidden, Activation activation, Init init, boolean bias) {

        public Layers {
            hidden = List.copyOf(hidden);
        }

        /**
         * Binds the architecture parameters of {@code p}.
         *
         * @throws ParameterException naming {@code initScale} when it is set for another init than normal
         */
        public static Layers of(Parameters p) {
            String init = p.getString("init");
            double scale = p.getDouble("initScale");
            if (!init.equals("normal") && scale != 1.0) {
                throw new ParameterException("initScale", "initScale applies only to init: normal");
            }
            return new Layers(p.getIntList("hidden"), Activation.fromId(p.getString("activation")),
                    Init.fromId(init, scale), p.getBoolean("bias"));
        }

        /**
         * The network for a task: these hidden layers on {@code inputDim} inputs, a readout of one unit with the
         * logistic head for two classes, else {@code classes} units with softmax cross-entropy.
         */
        public NetworkSpec network(int inputDim, int classes) {
            NetworkSpec spec = NetworkSpec.of(inputDim, hidden, readoutUnits(classes))
                    .withActivation(activation).withInit(init).withBias(bias);
            return withHead(spec, classes);
        }
    }

    /**
     * {@code spec} with the readout for a task of {@code classes} classes: one unit with the logistic head for
     * two classes, else {@code classes} units with softmax cross-entropy.
     */
    public static NetworkSpec withHead(NetworkSpec spec, int classes) {
        return spec.withOutput(readoutUnits(classes), readoutHead(classes));
    }

    /** Units of the readout for a task of {@code classes} classes: one logistic unit for two, else one per class. */
    static int readoutUnits(int classes) {
        return classes == 2 ? 1 : classes;
    }

    /** The head for a task of {@code classes} classes: logistic for two, else softmax cross-entropy. */
    static Head readoutHead(int classes) {
        return classes == 2 ? Head.BINARY_LOGISTIC : Head.SOFTMAX_CROSS_ENTROPY;
    }
}
