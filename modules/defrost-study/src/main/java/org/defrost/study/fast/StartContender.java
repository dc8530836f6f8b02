package org.defrost.study.fast;

import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Dataset;
import org.defrost.nn.Network;
import org.defrost.nn.train.StopReason;
import org.defrost.nn.train.Trainer;
import org.defrost.nn.train.TrainingConfig;
import org.defrost.nn.train.TrainingResult;
import org.defrost.spi.Seed;

/**
 * One starting network of the plan as a {@link SuccessiveHalving.Contender}: each rung continues training from
 * the best weights so far (a fresh optimiser state, the minibatch order from {@code seed/halving/<rung>}), and
 * the candidate keeps the best weights over all rungs, judged by the trainer's early-stopping monitor
 * (validation loss by default). It has converged once early stopping fires.
 */
final class StartContender implements SuccessiveHalving.Contender {
    private final Network network;
    private final Trainer trainer;
    private final Dataset train;
    private final Dataset validation;
    private final Seed seed;
    private final KernelThreads threads;
    private Network best;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private double bestError = Double.NaN;

    /**
     * @param network    the starting network, modified: it is trained
     * @param trainer    the trainer; its {@code maxEpochs} is replaced by each rung's epochs
     * @param train      training rows. Not modified.
     * @param validation validation rows. Not modified.
     */
    StartContender(Network network, Trainer trainer, Dataset train, Dataset validation, Seed seed, KernelThreads threads) {
        this.network = network;
        this.trainer = trainer;
        this.train = train;
        this.validation = validation;
        this.seed = seed;
        this.threads = threads;
    }

    @Override
    public SuccessiveHalving.Standing advance(int epochs, int rung) {
        TrainingConfig config = trainer.config().withMaxEpochs(epochs);
        TrainingResult result = trainer.withConfig(config).train(network, train, validation,
                seed.derive("halving").derive(rung), threads);
        double loss = result.best().validationLoss();
        if (best == null || loss < bestLoss) {
            best = network.copy();
            bestLoss = loss;
            bestError = result.best().validationError();
        } else {
            network.copyLayersFrom(best, 1, network.layerCount());
        }
        return new SuccessiveHalving.Standing(bestError, bestLoss, result.epochsRun(),
                result.stopReason() == StopReason.EARLY_STOPPING);
    }
}
