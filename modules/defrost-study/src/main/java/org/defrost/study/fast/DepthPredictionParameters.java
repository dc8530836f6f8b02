package org.defrost.study.fast;

import java.util.ArrayList;
import java.util.List;
import org.defrost.spi.ParameterBinder;
import org.defrost.spi.ParameterException;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.study.support.TargetSizes;
import org.defrost.study.support.SweepStage;
import org.defrost.study.support.TargetSweep;
import org.defrost.study.support.TrainingSettings;

/**
 * The parameters of {@code depth-prediction}, typed. The training settings are {@code fine-tune}'s (give both
 * stages the same values so the short fine-tunes train like the sweep's cells); {@code maxEpochs} bounds the
 * epochs of one candidate over all rungs.
 *
 * @param sweep      the target sizes n and where each size's validation rows come from
 * @param training   how candidates train
 * @param schedule   the successive-halving schedule
 * @param probeRidge   ridge penalty λ of the linear probes
 * @param probePruning whether depths whose last frozen layer probes clearly worse are left out of the halving
 */
public record DepthPredictionParameters(TargetSweep sweep, TrainingSettings training,
                                        HalvingSchedule schedule, double probeRidge, boolean probePruning)
        implements SweepStage.Settings {

    /** Defaults of the schedule, chosen on a tuning family of CHMM task pairs (docs/fast-mode.md). */
    static final int INITIAL_EPOCHS = 1;
    static final int GROWTH = 2;
    static final int FINALISTS = 2;
    static final String CRITERION = "validationError";
    /** Default ridge penalty of the probes. */
    public static final double PROBE_RIDGE = 0.01;
    /** Whether the probes prune depths by default. */
    public static final boolean PROBE_PRUNING = true;

    /** The default schedule for candidates that train at most {@code maxEpochs} epochs in all. */
    public static HalvingSchedule defaultSchedule(int maxEpochs) {
        return new HalvingSchedule(INITIAL_EPOCHS, GROWTH, FINALISTS, HalvingSchedule.Criterion.fromWord(CRITERION),
                maxEpochs);
    }

    /** Every parameter the stage declares. */
    public static final List<ParameterSpec> SPECS;

    static {
        List<ParameterSpec> specs = new ArrayList<>(TrainingSettings.SPECS);
        specs.add(TargetSizes.sizes("each prediction"));
        specs.addAll(TargetSizes.VALIDATION);
        specs.add(ParameterSpec.integer("initialEpochs", INITIAL_EPOCHS,
                "Epochs every starting network trains in the first rung of successive halving.").withRange(1, 1_000_000));
        specs.add(ParameterSpec.integer("halvingGrowth", GROWTH,
                "Factor by which each rung's epochs grow for the surviving networks.").withRange(1, 16));
        specs.add(ParameterSpec.integer("finalists", FINALISTS,
                "Halving stops when at most this many networks remain; they train one last rung and the one with "
                        + "the lowest validation error is the prediction.").withRange(1, 1000));
        specs.add(ParameterSpec.choice("halvingCriterion", CRITERION, List.of("validationError", "validationLoss"),
                "What each rung ranks the networks by before keeping the better half (the final choice is always "
                        + "on validation error)."));
        specs.add(ParameterSpec.number("probeRidge", PROBE_RIDGE,
                "Ridge penalty (per training row) of the linear probes on each layer's standardised outputs.")
                .withRange(1e-9, 1e6));
        specs.add(ParameterSpec.bool("probePruning", PROBE_PRUNING,
                "Leave out of the halving the depths whose last frozen layer's probe validation error is more than two "
                        + "binomial standard errors above the best layer's (depth 0 always competes)."));
        SPECS = List.copyOf(specs);
    }

    /** Binds resolved parameters. */
    public static final ParameterBinder<DepthPredictionParameters> BINDER = DepthPredictionParameters::of;

    /**
     * The typed parameters.
     *
     * @throws ParameterException naming a target size listed twice or that leaves nothing to train on, or
     *                            nesterov without sgd
     */
    public static DepthPredictionParameters of(Parameters p) {
        TargetSweep sweep = TargetSweep.of(p);
        TrainingSettings training = TrainingSettings.of(p);
        HalvingSchedule schedule = new HalvingSchedule(p.getInt("initialEpochs"), p.getInt("halvingGrowth"),
                p.getInt("finalists"), HalvingSchedule.Criterion.fromWord(p.getString("halvingCriterion")),
                training.maxEpochs());
        return new DepthPredictionParameters(sweep, training, schedule, p.getDouble("probeRidge"),
                p.getBoolean("probePruning"));
    }
}
