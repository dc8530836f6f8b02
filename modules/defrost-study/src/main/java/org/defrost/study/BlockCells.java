package org.defrost.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.conv.BlockTrainer;
import org.defrost.nn.io.BlockNetworkIo;
import org.defrost.nn.train.TrainingConfig;
import org.defrost.spi.Seed;
import org.defrost.spi.UnitContext;
import org.defrost.study.support.TargetRows;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.TaskRole;

/**
 * The work units of {@code fine-tune} and {@code similarity} when the source network is a block network
 * ({@link BlockStudy}): the same files as the dense units, with depths counting blocks.
 */
final class BlockCells {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BlockCells() {
    }

    /**
     * Trains one fine-tune cell: the starting network of {@link BlockStudy#transfer}, trained on the cell's target
     * rows with early stopping (frozen blocks' outputs computed once when {@code cacheFrozenPrefix} holds), then
     * optionally a second stage with every block unfrozen; writes {@link CellResult}, the rows and the history.
     */
    static void fineTune(UnitContext ctx, FineTuneCell u, TaskPair pair, Path sourceDir) throws Exception {
        BlockNetwork network = startingNetwork(u, BlockNetworkIo.load(sourceDir), pair, ctx.seed());
        FineTuneStage.trainCell(ctx, u, pair, cellNetwork(network));
    }

    /**
     * A block cell's starting network ({@link BlockStudy#transfer}): blocks 1..ℓ copied and frozen, the blocks above
     * copied or drawn fresh as the cell's build says, a fresh readout for the pair's target classes.
     *
     * @param seed the cell's seed; its {@code init} stream draws the fresh blocks. {@code source} is not modified.
     */
    static BlockNetwork startingNetwork(FineTuneCell u, BlockNetwork source, TaskPair pair, Seed seed) {
        return BlockStudy.transfer(source, pair.classes(TaskRole.TARGET), u.depth(), !u.build().equals("random"),
                seed.derive("init"));
    }

    /**
     * {@code network} as {@link FineTuneStage#train} drives it, trained by a {@link BlockTrainer} reporting to the
     * cell's reporter (none when the reporter is null, for a cell trained again).
     */
    static FineTuneStage.CellNetwork cellNetwork(BlockNetwork network) {
        return new FineTuneStage.CellNetwork((config, reporter, train, validation, seed, threads) ->
                new BlockTrainer(config, reporter != null ? reporter : record -> { })
                        .train(network, train, validation, seed, threads),
                network::evaluate, () -> network.freezeThrough(0));
    }

    /**
     * Trains one T* with S's blocks (fresh weights, a readout for the target) and compares it with S on the
     * representations of {@link BlockStudy#representations} in mode {@code u.featureMaps()}; writes
     * {@link LayerComparison#FILE}, the rows and T*.
     */
    static void similarity(UnitContext ctx, SimilarityUnit u, TaskPair pair, Path sourceDir,
                           Map<String, LabelledSet[]> probes) throws Exception {
        BlockNetwork source = BlockNetworkIo.load(sourceDir);
        TargetRows rows = TargetRows.of(pair, u.targetSize(), u.split());
        BlockNetwork target = BlockStudy.transfer(source, pair.classes(TaskRole.TARGET), 0, false,
                ctx.seed().derive("target-network"));
        TrainingConfig config = u.training().config();
        BlockTrainer trainer = new BlockTrainer(config,
                new TrainingReporter(ctx, ctx.unit().name(), config.maxEpochs(), rows.trainSize(), false));
        Map<String, Object> result;
        try (KernelThreads threads = KernelThreads.of(ctx.threads())) {
            trainer.train(target, TaskData.dataset(rows.trainingSet()), TaskData.dataset(rows.validationSet()),
                    ctx.seed().derive("batches"), threads);
            double targetError = target.evaluate(TaskData.dataset(pair.load(TaskPairSet.TARGET_TEST)), threads).error();
            String mode = u.featureMaps() == null ? "flatten" : u.featureMaps();
            result = LayerComparison.compare(source.architecture().blockCount() + 1,
                    x -> BlockStudy.representations(source, x, mode, threads),
                    x -> BlockStudy.representations(target, x, mode, threads), probes, u, ctx.seed(), threads);
            result.put("targetNetworkTestError", targetError);
            result.put("trainSize", rows.trainSize());
            result.put("validationSize", rows.validationSize());
            result.put("blockNames", BlockPretrain.blockNames(source.architecture()));
            result.put("featureMaps", mode);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(ctx.output().directory().resolve(LayerComparison.FILE).toFile(),
                result);
        rows.write(ctx.output().directory());
        BlockNetworkIo.save(target, ctx.output().directory().resolve("target-network"),
                Map.of("stage", SimilarityStage.TYPE, "trainingSize", rows.trainSize()));
    }
}
