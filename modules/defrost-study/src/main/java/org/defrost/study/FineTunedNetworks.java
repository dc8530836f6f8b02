package org.defrost.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Network;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.io.BlockNetworkIo;
import org.defrost.nn.io.NetworkIo;
import org.defrost.nn.train.Trainer;
import org.defrost.spi.Seed;
import org.defrost.study.support.TypedUnits;
import org.defrost.tasks.TaskPair;

/**
 * The network of one fine-tune cell. {@code fine-tune} keeps each cell's results and the rows it used, not its
 * network (a sweep trains hundreds); a cell is deterministic given its work unit, seed and inputs, so its network is
 * trained again on demand, for instance to export the network at ℓ*.
 */
public final class FineTunedNetworks {
    private FineTunedNetworks() {
    }

    /**
     * A cell's network trained again, with its evaluation. Exactly one of {@code network} and {@code blocks} is set,
     * as the source network is fully connected or a block network.
     *
     * @param network         the trained fully connected network, or null
     * @param blocks          the trained block (convolutional) network, or null
     * @param testError       its 0/1 error on the target test set; equal to the cell's {@code testError}
     * @param validationError its validation error at the restored epoch; equal to the cell's
     */
    public record Retrained(Network network, BlockNetwork blocks, double testError, double validationError) {
    }

    /**
     * Trains the network of a fine-tune cell again, exactly as the cell did.
     *
     * @param unitParameters   the cell's work-unit parameters (its transfer-cell artifact's manifest {@code parameters})
     * @param seed             the cell's seed (its manifest's {@code seed})
     * @param taskPair         the directory of the task pair the cell trained on
     * @param sourceNetwork    the directory of the source-network artifact it started from
     * @param threads          threads to compute on; the result does not depend on them
     */
    public static Retrained retrain(Map<String, Object> unitParameters, long seed, Path taskPair, Path sourceNetwork,
                                    int threads) throws IOException {
        Path sourceDir = sourceNetwork.resolve("network");
        FineTuneCell u = TypedUnits.fromParameters(unitParameters, FineTuneCell.class);
        TaskPair pair = TaskPair.read(taskPair);
        if (BlockStudy.isBlockNetwork(sourceDir)) {
            BlockNetwork network = BlockCells.startingNetwork(u, BlockNetworkIo.load(sourceDir), pair, Seed.of(seed));
            FineTuneStage.TrainedCell trained = train(u, pair, seed, threads, BlockCells.cellNetwork(network));
            return new Retrained(null, network, trained.test().error(), trained.result().best().validationError());
        }
        Network network = FineTuneStage.startingNetwork(u, NetworkIo.load(sourceDir), pair, Seed.of(seed));
        FineTuneStage.CellNetwork cell = new FineTuneStage.CellNetwork((config, reporter, train, validation, s, t) ->
                new Trainer(config).train(network, train, validation, s, t), network::evaluate, () -> network.freezeThrough(0));
        FineTuneStage.TrainedCell trained = train(u, pair, seed, threads, cell);
        return new Retrained(network, null, trained.test().error(), trained.result().best().validationError());
    }

    /** The cell's training, as {@code fine-tune} runs it with {@code cacheFrozenPrefix} (the default). */
    private static FineTuneStage.TrainedCell train(FineTuneCell u, TaskPair pair, long seed, int threads,
                                                   FineTuneStage.CellNetwork cell) throws IOException {
        try (KernelThreads t = KernelThreads.of(threads)) {
            return FineTuneStage.train(u, pair, cell, u.training().config().withCacheFrozenPrefix(true), null,
                    Seed.of(seed), t);
        }
    }
}
