package org.defrost.tasks.stage;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.defrost.spi.ParameterBinder;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.data.Dataset;
import org.defrost.tasks.data.DatasetTaskPairBuilder;
import org.defrost.tasks.data.DatasetTaskPairParameters;

/**
 * {@code dataset}: builds a task pair from a labelled dataset (Fashion-MNIST as Debian installs it, or IDX,
 * NumPy or CSV files): a class split, a relabelling or an input change, one per seed.
 */
public final class DatasetStage implements Stage {
    private static final ParameterBinder<DatasetTaskPairParameters> BINDER = DatasetTaskPairParameters::of;

    private static final ParameterBinder<DataSource> SOURCE = DataSource::of;

    @Override
    public StageDescriptor descriptor() {
        return new StageDescriptor("dataset", "1",
                "Builds a source/target task pair from a labelled dataset. Class split: source and target use "
                        + "different classes; relabelling: the same classes grouped differently; input change: noise, a "
                        + "fixed pixel permutation or a rotation of the target's inputs. Inputs are standardised with "
                        + "statistics of the source training set only. Formats: fashion-mnist (Debian's "
                        + "dataset-fashion-mnist package), idx (MNIST-family files, plain or gzip), npy (inputs and labels "
                        + "arrays), csv (one row per example with a label column).",
                Stream.concat(DataSource.SPECS.stream(), DatasetTaskPairParameters.SPECS.stream()).toList(),
                List.of(), List.of(TaskArtifacts.TASK_PAIR, TaskArtifacts.SOURCE_TASK), StageScope.EACH_SEED);
    }

    /** The data's problems (files each format needs), then the task pair's: all of them, in declaration order. */
    @Override
    public List<ParameterProblem> validate(Parameters p) {
        return Stream.concat(SOURCE.problems(p).stream(), BINDER.problems(p).stream()).toList();
    }

    /**
     * A task pair's target pool has {@code targetPoolSize} rows; Fashion-MNIST source tasks have one-channel 28×28
     * images ({@code inputChannels}, {@code inputHeight}, {@code inputWidth}), which a convolutional source network
     * checks its architecture against.
     */
    @Override
    public Map<String, Long> outputSizes(String kind, Parameters p) {
        if (kind.equals(TaskArtifacts.SOURCE_TASK) && p.getString("format").equals("fashion-mnist")) {
            return Map.of("inputChannels", 1L, "inputHeight", 28L, "inputWidth", 28L);
        }
        return kind.equals(TaskArtifacts.TASK_PAIR) ? Map.of(TaskPair.TARGET_POOL_SIZE, (long) BINDER.bind(p).targetPoolSize()) : Map.of();
    }

    /** Whole inputs as float32 plus the task pair's copies, in bytes. */
    @Override
    public long estimatedMemoryBytes(Parameters p) {
        DatasetTaskPairParameters d = BINDER.bind(p);
        long rows = (long) d.sourceTrainSize() + d.targetPoolSize() + 4L * d.probeSize() + 70_000;
        return rows * 28 * 28 * Float.BYTES * 2;
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        DataSource source = SOURCE.bind(ctx.parameters());
        DatasetTaskPairParameters pairParameters = BINDER.bind(ctx.parameters());
        ctx.progress().status("reading " + source.format() + " data");
        Dataset data = source.load(ctx.seed().derive("hold-out"));
        var pairOut = ctx.output(TaskArtifacts.TASK_PAIR);
        TaskPair pair = DatasetTaskPairBuilder.build(data, pairParameters, ctx.seed().derive("pair"), pairOut.directory());
        TaskArtifacts.finish(pair, pairOut, ctx.output(TaskArtifacts.SOURCE_TASK));
    }
}
