package org.defrost.study;

import java.util.List;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Evaluation;
import org.defrost.nn.conv.Architecture;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.conv.BlockTrainer;
import org.defrost.nn.conv.ImageShape;
import org.defrost.nn.io.BlockNetworkIo;
import org.defrost.nn.train.TrainingResult;
import org.defrost.spi.Artifact;
import org.defrost.spi.ArtifactWriter;
import org.defrost.spi.StageContext;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.ValidationSplit;

/**
 * {@code pretrain} for a block network ({@link BlockStudy}): the same training, files and metadata as the dense
 * path, the network stored by {@link BlockNetworkIo}. {@code hiddenLayers} in the metadata is L, the number of
 * blocks below the readout, so transfer plans count blocks; {@code blockNames} names them.
 */
final class BlockPretrain {
    private BlockPretrain() {
    }

    /**
     * Trains S on {@code split} and writes the source-network artifact.
     *
     * @param settings the stage's parameters, with a block network
     * @param source the source-task artifact, whose {@code inputShape} metadata gives the image shape
     */
    static void run(StageContext ctx, PretrainStage.Settings settings, Artifact source, ValidationSplit.Split split,
                    LabelledSet test, int classes) throws Exception {
        BlockStudy.Blocks blocks = settings.blocks();
        ImageShape shape = taskShape(source, split.training().features());
        if (!shape.equals(blocks.imageShape())) {
            throw new IllegalArgumentException("imageShape " + blocks.shapeSizes() + " differs from the task's images "
                    + shape);
        }
        Architecture architecture = blocks.architecture(shape, classes);
        BlockNetwork network = BlockNetwork.build(architecture, ctx.seed().derive("init"));
        BlockTrainer trainer = new BlockTrainer(settings.training().config(), new TrainingReporter(ctx, "source network",
                settings.training().maxEpochs(), split.training().size(), true));
        TrainingResult result;
        Evaluation testEval;
        try (KernelThreads threads = KernelThreads.of(ctx.threads())) {
            result = trainer.train(network, TaskData.dataset(split.training()), TaskData.dataset(split.validation()),
                    ctx.seed().derive("batches"), threads);
            testEval = network.evaluate(TaskData.dataset(test), threads);
        } catch (ArithmeticException e) {
            ctx.metrics().count("diverged_total", 1);
            throw e;
        }
        ArtifactWriter out = PretrainStage.writeSource(ctx, (dir, provenance) -> BlockNetworkIo.save(network, dir, provenance),
                result, testEval, split, architecture.blockCount(), classes);
        out.putMetadata("architecture", architecture.text());
        out.putMetadata("blockNames", blockNames(architecture));
        ctx.log().log(System.Logger.Level.INFO, String.format("source network %s (seed %d): test error %.4f after %d epochs",
                architecture.text(), ctx.seedIndex(), testEval.error(), result.epochsRun()));
    }

    /** Names of blocks 1..L ("conv block 1", ...). */
    static List<String> blockNames(Architecture a) {
        return java.util.stream.IntStream.rangeClosed(1, a.blockCount()).mapToObj(a::blockName).toList();
    }

    @SuppressWarnings("unchecked")
    private static ImageShape taskShape(Artifact source, int inputDim) {
        Object shape = source.metadata().get("inputShape");
        List<Integer> dims = shape instanceof List<?> l
                ? ((List<Object>) l).stream().map(o -> ((Number) o).intValue()).toList() : null;
        ImageShape s = BlockStudy.taskShape(dims, inputDim);
        if (s.size() != inputDim) {
            throw new IllegalArgumentException("the source task's inputShape " + dims + " does not hold its "
                    + inputDim + " input values");
        }
        return s;
    }
}
