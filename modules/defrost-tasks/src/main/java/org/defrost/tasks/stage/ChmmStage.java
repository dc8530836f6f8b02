package org.defrost.tasks.stage;

import java.util.List;
import java.util.Map;
import org.defrost.spi.ParameterBinder;
import org.defrost.spi.ParameterProblem;
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
    private static final ParameterBinder<ChmmParameters> BINDER = ChmmParameters::of;

    @Override
    public StageDescriptor descriptor() {
        return new StageDescriptor("chmm", "1",
                "Draws a task pair from the correlated hidden manifold model: c ~ N(0, I_D), x = sigma(F^T c / sqrt(D)), "
                        + "y = sign(theta . c / sqrt(D)). The target's features and teacher mix the source's with fresh "
                        + "draws (etaF, etaTheta: 0 identical, 1 independent) on the first sharedLatentDim latent "
                        + "directions. Writes source training and test sets, a target pool whose prefixes are the "
                        + "nested target training sets, a target test set and probe sets (target, source, paired).",
                ChmmParameters.SPECS,
                List.of(), List.of(TaskArtifacts.TASK_PAIR, TaskArtifacts.SOURCE_TASK), StageScope.EACH_SEED);
    }

    @Override
    public List<ParameterProblem> validate(Parameters p) {
        return BINDER.problems(p);
    }

    /** A task pair's target pool has {@code targetPoolSize} rows. */
    @Override
    public Map<String, Long> outputSizes(String kind, Parameters p) {
        return kind.equals(TaskArtifacts.TASK_PAIR) ? Map.of(TaskPair.TARGET_POOL_SIZE, (long) BINDER.bind(p).targetPoolSize()) : Map.of();
    }

    /**
     * The task pair's arrays as float32: later stages load whole sets (the source sets to pre-train, the
     * target pool and test set per trained cell), so this bounds what a seed's data costs in memory.
     */
    @Override
    public long estimatedMemoryBytes(Parameters p) {
        ChmmParameters c = BINDER.bind(p);
        long rows = (long) c.sourceTrainSize() + c.sourceTestSize() + c.targetPoolSize() + c.targetTestSize()
                + 4L * c.probeSize();
        return rows * c.inputDim() * Float.BYTES;
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        ChmmParameters parameters = BINDER.bind(ctx.parameters());
        var pairOut = ctx.output(TaskArtifacts.TASK_PAIR);
        ctx.progress().status("drawing a task pair with N = " + parameters.inputDim());
        TaskPair pair = ChmmTaskPairGenerator.generate(parameters, ctx.seed(), pairOut.directory(),
                new ChmmGenerationOptions(ChmmGenerationOptions.defaults().blockRows(), ctx.threads()));
        TaskArtifacts.finish(pair, pairOut, ctx.output(TaskArtifacts.SOURCE_TASK));
    }
}
