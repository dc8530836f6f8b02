package org.defrost.study;

import java.util.ArrayList;
import java.util.List;
import org.defrost.nn.Activation;
import org.defrost.nn.Head;
import org.defrost.nn.Init;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.train.TrainingConfig;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.study.support.TrainingSettings;
import org.defrost.tasks.ValidationSplit;

/**
 * The architecture and training parameters shared by the stages that train networks, declared once
 * (defaults from method §3–§4) and turned into {@link NetworkSpec}, {@link TrainingConfig} and the source
 * network's {@link ValidationSplit}. The target side's sizes and validation rows are
 * {@link org.defrost.study.support.TargetSizes}.
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

    /** Checks relations between parameters. */
    public static List<ParameterProblem> validate(Parameters p) {
        List<ParameterProblem> problems = new ArrayList<>();
        if (!p.getString("init").equals("normal") && p.get("initScale") != null && p.getDouble("initScale") != 1.0) {
            problems.add(new ParameterProblem("initScale", "initScale applies only to init: normal"));
        }
        if (!p.getString("optimizer").equals("sgd") && p.getBoolean("nesterov")) {
            problems.add(new ParameterProblem("nesterov", "nesterov applies only to optimizer: sgd"));
        }
        return problems;
    }

    /**
     * The network for a task: hidden layers from {@code p}, a readout of one unit with the logistic head for
     * two classes, else {@code classes} units with softmax cross-entropy.
     */
    public static NetworkSpec network(Parameters p, int inputDim, int classes) {
        List<Integer> hidden = p.getIntList("hidden");
        NetworkSpec spec = NetworkSpec.of(inputDim, hidden, classes == 2 ? 1 : classes)
                .withActivation(Activation.fromId(p.getString("activation")))
                .withInit(Init.fromId(p.getString("init"), p.getDouble("initScale")))
                .withBias(p.getBoolean("bias"));
        return withHead(spec, classes);
    }

    /**
     * {@code spec} with the readout for a task of {@code classes} classes: one unit with the logistic head for
     * two classes, else {@code classes} units with softmax cross-entropy.
     */
    static NetworkSpec withHead(NetworkSpec spec, int classes) {
        return spec.withOutput(classes == 2 ? 1 : classes, classes == 2 ? Head.BINARY_LOGISTIC : Head.SOFTMAX_CROSS_ENTROPY);
    }

    /** The training configuration from {@code p}. */
    public static TrainingConfig training(Parameters p) {
        return TrainingSettings.of(p).config();
    }

    /** The source network's validation split from {@code p} ({@link #SOURCE_VALIDATION}). */
    public static ValidationSplit sourceSplit(Parameters p) {
        return new ValidationSplit(p.getDouble("validationFraction"), p.getInt("validationMinimum"));
    }
}
