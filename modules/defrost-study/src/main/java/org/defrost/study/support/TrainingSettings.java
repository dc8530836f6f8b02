package org.defrost.study.support;

import java.util.List;
import org.defrost.nn.train.Optimizer;
import org.defrost.nn.train.Schedule;
import org.defrost.nn.train.TrainingConfig;
import org.defrost.spi.ParameterException;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;

/**
 * How a network is trained (method §4), declared once as stage parameters ({@link #SPECS}) and carried in
 * work units as this record, so that every setting that changes a trained network is part of the unit's key.
 *
 * @param optimizer    {@code adam}, {@code adamw} or {@code sgd}
 * @param learningRate base learning rate
 * @param momentum     momentum of sgd
 * @param nesterov     Nesterov momentum for sgd
 * @param weightDecay  L2 weight decay (decoupled for adamw)
 * @param batchSize    minibatch size (a smaller training set uses its own size)
 * @param maxEpochs    upper bound on epochs
 * @param patience     early stopping: epochs without validation improvement
 * @param schedule     {@code constant}, {@code step} (halves every maxEpochs/4 epochs) or {@code cosine}
 */
public record TrainingSettings(String optimizer, double learningRate, double momentum, boolean nesterov,
                               double weightDecay, int batchSize, int maxEpochs, int patience, String schedule) {

    /** The parameters a stage declares to be configured with these settings (defaults from method §4). */
    public static final List<ParameterSpec> SPECS = List.of(
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
                    "Learning-rate schedule (step halves the rate every maxEpochs/4 epochs)."));

    /**
     * The settings a stage was configured with ({@link #SPECS} must be among its parameters).
     *
     * @throws ParameterException naming {@code nesterov} when it is asked for with another optimizer than sgd
     */
    public static TrainingSettings of(Parameters p) {
        if (!p.getString("optimizer").equals("sgd") && p.getBoolean("nesterov")) {
            throw new ParameterException("nesterov", "nesterov applies only to optimizer: sgd");
        }
        return new TrainingSettings(p.getString("optimizer"), p.getDouble("learningRate"), p.getDouble("momentum"),
                p.getBoolean("nesterov"), p.getDouble("weightDecay"), p.getInt("batchSize"), p.getInt("maxEpochs"),
                p.getInt("patience"), p.getString("schedule"));
    }

    /** The numerical core's configuration for these settings. */
    public TrainingConfig config() {
        Optimizer o = switch (optimizer) {
            case "sgd" -> Optimizer.sgd(momentum, nesterov);
            case "adamw" -> Optimizer.adamW();
            default -> Optimizer.adam();
        };
        Schedule s = switch (schedule) {
            case "step" -> Schedule.step(Math.max(1, maxEpochs / 4), 0.5);
            case "cosine" -> Schedule.cosine(0.0);
            default -> Schedule.constant();
        };
        return TrainingConfig.defaults().withOptimizer(o).withLearningRate(learningRate).withBatchSize(batchSize)
                .withMaxEpochs(maxEpochs).withPatience(patience).withWeightDecay(weightDecay).withSchedule(s);
    }
}
