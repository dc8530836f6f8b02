package org.defrost.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.nn.Activation;
import org.defrost.nn.Head;
import org.defrost.nn.Init;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.train.Optimizer;
import org.defrost.nn.train.Schedule;
import org.defrost.nn.train.TrainingConfig;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.tasks.ValidationSplit;

/**
 * The architecture and training parameters shared by the stages that train networks, declared once
 * (defaults from method §3–§4) and turned into {@link NetworkSpec}, {@link TrainingConfig} and
 * {@link ValidationSplit}.
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
    public static final List<ParameterSpec> TRAINING = List.of(
            ParameterSpec.choice("optimizer", "adam", List.of("adam", "adamw", "sgd"), "Update rule."),
            ParameterSpec.number("learningRate", 1e-3, "Base learning rate.").withRange(1e-12, 100),
            ParameterSpec.number("momentum", 0.9, "Momentum of sgd.").withRange(0, 0.999999),
            ParameterSpec.bool("nesterov", false, "Nesterov momentum for sgd."),
            ParameterSpec.number("weightDecay", 0.0, "L2 weight decay (decoupled for adamw).").withRange(0, 10),
            ParameterSpec.integer("batchSize", 128, "Minibatch size; a smaller training set uses its own size.")
                    .withRange(1, 1_000_000),
            ParameterSpec.integer("maxEpochs", 2000, "Upper bound on training epochs.").withRange(1, 1_000_000),
            ParameterSpec.integer("patience", 100, "Early stopping: epochs without validation improvement.")
                    .withRange(1, 1_000_000),
            ParameterSpec.choice("schedule", "constant", List.of("constant", "step", "cosine"),
                    "Learning-rate schedule (step halves the rate every maxEpochs/4 epochs)."),
            ParameterSpec.number("validationFraction", 0.15, "Share of a training set held out for early stopping.")
                    .withRange(0.01, 0.9),
            ParameterSpec.integer("validationMinimum", 50,
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

    /** The subset of {@code p} naming architecture and training settings, for work-unit parameters. */
    public static Map<String, Object> subset(Parameters p) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ParameterSpec s : ARCHITECTURE) {
            m.put(s.name(), p.get(s.name()));
        }
        for (ParameterSpec s : TRAINING) {
            m.put(s.name(), p.get(s.name()));
        }
        return m;
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
        return spec.withOutput(classes == 2 ? 1 : classes, classes == 2 ? Head.BINARY_LOGISTIC : Head.SOFTMAX_CROSS_ENTROPY);
    }

    /** The training configuration from {@code p}. */
    public static TrainingConfig training(Parameters p) {
        Optimizer optimizer = switch (p.getString("optimizer")) {
            case "sgd" -> Optimizer.sgd(p.getDouble("momentum"), p.getBoolean("nesterov"));
            case "adamw" -> Optimizer.adamW();
            default -> Optimizer.adam();
        };
        int maxEpochs = p.getInt("maxEpochs");
        Schedule schedule = switch (p.getString("schedule")) {
            case "step" -> Schedule.step(Math.max(1, maxEpochs / 4), 0.5);
            case "cosine" -> Schedule.cosine(0.0);
            default -> Schedule.constant();
        };
        return TrainingConfig.defaults().withOptimizer(optimizer).withLearningRate(p.getDouble("learningRate"))
                .withBatchSize(p.getInt("batchSize")).withMaxEpochs(maxEpochs).withPatience(p.getInt("patience"))
                .withWeightDecay(p.getDouble("weightDecay")).withSchedule(schedule);
    }

    /** The validation split from {@code p}. */
    public static ValidationSplit split(Parameters p) {
        return new ValidationSplit(p.getDouble("validationFraction"), p.getInt("validationMinimum"));
    }
}
