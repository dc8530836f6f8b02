package org.defrost.tasks.stage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.chmm.ChmmGenerationOptions;
import org.defrost.tasks.chmm.ChmmParameters;
import org.defrost.tasks.chmm.ChmmTaskPairGenerator;

/**
 * {@code chmm}: draws a source/target task pair from the correlated hidden manifold model (method §2),
 * one per seed.
 */
public final class ChmmStage implements Stage {
    /** Marks "derived from other parameters" for the sizes whose default depends on inputDim or the latents. */
    private static final long DERIVED = -1;

    @Override
    public StageDescriptor descriptor() {
        return new StageDescriptor("chmm", "1",
                "Draws a task pair from the correlated hidden manifold model: c ~ N(0, I_D), x = sigma(F^T c / sqrt(D)), "
                        + "y = sign(theta . c / sqrt(D)). The target's features and teacher mix the source's with fresh "
                        + "draws (etaF, etaTheta: 0 identical, 1 independent) on the first sharedLatentDim latent "
                        + "directions. Writes source training and test sets, a target pool whose prefixes are the "
                        + "nested target training sets, a target test set and probe sets (target, source, paired).",
                List.of(ParameterSpec.integer("inputDim", 500, "N, the input dimension.").withRange(1, 100_000),
                        ParameterSpec.integer("sourceLatentDim", 100, "Ds, latent dimension of the source.").withRange(1, 100_000),
                        ParameterSpec.integer("targetLatentDim", 100, "Dt, latent dimension of the target.").withRange(1, 100_000),
                        ParameterSpec.integer("sharedLatentDim", DERIVED,
                                "Dshared, latent directions tied between the tasks; -1 means min(Ds, Dt).").withRange(-1, 100_000),
                        ParameterSpec.number("etaF", 0.0, "Feature perturbation: 0 same features, 1 independent.").withRange(0, 1),
                        ParameterSpec.number("etaTheta", 0.0, "Rule perturbation: 0 same rule, 1 unrelated.").withRange(0, 1),
                        ParameterSpec.choice("nonlinearity", "erf", List.of("erf", "sign", "tanh", "relu", "linear"),
                                "The embedding sigma; erf means erf(z/sqrt(2))."),
                        ParameterSpec.number("labelNoise", 0.0, "Probability of flipping a training label.").withRange(0, 0.5),
                        ParameterSpec.integer("sourceTrainSize", DERIVED, "Source training set size; -1 means 20 N.")
                                .withRange(-1, 50_000_000),
                        ParameterSpec.integer("targetPoolSize", DERIVED,
                                "Target pool size, the largest target training set; -1 means 20 N.").withRange(-1, 50_000_000),
                        ParameterSpec.integer("sourceTestSize", 10_000, "Source test set size.").withRange(1, 50_000_000),
                        ParameterSpec.integer("targetTestSize", 10_000, "Target test set size.").withRange(1, 50_000_000),
                        ParameterSpec.integer("probeSize", 2_000, "Size of each probe set.").withRange(1, 10_000_000)),
                List.of(), List.of(TaskArtifacts.TASK_PAIR, TaskArtifacts.SOURCE_TASK), StageScope.EACH_SEED);
    }

    @Override
    public List<ParameterProblem> validate(Parameters p) {
        try {
            parameters(p);
            return List.of();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            String name = message.contains(" ") ? message.substring(0, message.indexOf(' ')) : "sharedLatentDim";
            return List.of(new ParameterProblem(name, message));
        }
    }

    /** A task pair's target pool has {@code targetPoolSize} rows. */
    @Override
    public Map<String, Long> outputSizes(String kind, Parameters p) {
        return kind.equals(TaskArtifacts.TASK_PAIR) ? Map.of(TaskPair.TARGET_POOL_SIZE, (long) parameters(p).targetPoolSize()) : Map.of();
    }

    /**
     * The task pair's arrays as float32: later stages load whole sets (the source sets to pre-train, the
     * target pool and test set per trained cell), so this bounds what a seed's data costs in memory.
     */
    @Override
    public long estimatedMemoryBytes(Parameters p) {
        ChmmParameters c = parameters(p);
        long rows = (long) c.sourceTrainSize() + c.sourceTestSize() + c.targetPoolSize() + c.targetTestSize()
                + 4L * c.probeSize();
        return rows * c.inputDim() * Float.BYTES;
    }

    static ChmmParameters parameters(Parameters p) {
        Map<String, Object> values = new LinkedHashMap<>();
        p.asMap().forEach((name, value) -> {
            if (!(value instanceof Long l && l == DERIVED)) {
                values.put(name, value);
            }
        });
        return ChmmParameters.fromMap(values);
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        ChmmParameters parameters = parameters(ctx.parameters());
        var pairOut = ctx.output(TaskArtifacts.TASK_PAIR);
        ctx.progress().status("drawing a task pair with N = " + parameters.inputDim());
        TaskPair pair = ChmmTaskPairGenerator.generate(parameters, ctx.seed(), pairOut.directory(),
                new ChmmGenerationOptions(ChmmGenerationOptions.defaults().blockRows(), ctx.threads()));
        TaskArtifacts.finish(pair, pairOut, ctx.output(TaskArtifacts.SOURCE_TASK));
    }
}
