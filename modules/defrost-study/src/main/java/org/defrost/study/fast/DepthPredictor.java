package org.defrost.study.fast;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Dataset;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.train.Trainer;
import org.defrost.nn.train.TrainingConfig;
import org.defrost.nn.transfer.Transfer;
import org.defrost.nn.transfer.UnfrozenInit;
import org.defrost.spi.Seed;
import org.defrost.study.TrainingParameters;
import org.defrost.study.TransferPlan;
import org.defrost.study.support.Csv;

/**
 * The fast mode's prediction for one source network and one target training set: the layer scores
 * ({@link LayerScores}) from one forward pass, then successive halving over every distinct starting network of
 * the plan, each built exactly as {@code fine-tune} builds it from its start's seed (so the first rung starts
 * where the full sweep's cell of that seed starts).
 *
 * <p>Cost is counted in training sample-epochs: the epochs every candidate trained times the training rows,
 * plus one per training row for the forward pass that feeds the probes and the similarity (a forward pass costs
 * about a third of a training step, so this over-counts).
 */
public final class DepthPredictor {

    /**
     * A starting network as a candidate.
     *
     * @param depth ℓ
     * @param init  how the layers above ℓ start ({@code random} or {@code pretrained}; {@code pretrained} at ℓ = L)
     * @param seed  the start's seed, as in the transfer plan
     */
    public record Candidate(int depth, String init, long seed) {
        /** A readable name, e.g. {@code depth3-random}. */
        public String name() {
            return "depth" + depth + "-" + init;
        }
    }

    /**
     * What the fast mode predicts and what it cost.
     *
     * @param depth                   the predicted ℓ*
     * @param init                    the predicted initialisation of the layers above it
     * @param validationError         the winner's 0/1 validation error at its best epoch
     * @param costSampleEpochs        training sample-epochs spent (see the class comment)
     * @param seconds                 wall time of the prediction
     * @param probeDepth              the layer whose linear probe has the lowest validation error
     * @param similarityDepth         the layer best aligned with the labels (linear CKA)
     * @param layers                  every layer's scores
     * @param candidates              the candidates that entered the halving, in the order it indexes them, deepest
     *                                first
     * @param halving                 the halving's trace
     */
    public record Prediction(int depth, String init, double validationError, long costSampleEpochs, double seconds,
                             int probeDepth, int similarityDepth, List<LayerScores.Score> layers,
                             List<Candidate> candidates, List<SuccessiveHalving.RungEntry> halving) {

        /** The halving trace as table rows ({@link HalvingRow}). */
        public List<Map<String, Object>> halvingRows() {
            return halving.stream().map(e -> {
                Candidate c = candidates.get(e.candidate());
                return Csv.row(new HalvingRow(e.rung(), c.depth(), c.init(), e.epochs(), e.totalEpochs(),
                        e.validationError(), e.validationLoss(), e.kept()));
            }).toList();
        }

        /** The layer scores as table rows, one column per component of {@link LayerScores.Score}. */
        public List<Map<String, Object>> layerRows() {
            return layers.stream().map(Csv::row).toList();
        }
    }

    /** One row of the halving trace: a {@link SuccessiveHalving.RungEntry} with its candidate's depth and init. */
    record HalvingRow(int rung, int depth, String init, int epochs, int totalEpochs, double validationError,
                      double validationLoss, boolean kept) {
    }

    private DepthPredictor() {
    }

    /**
     * The distinct starting networks of a plan, in its order (deepest transfer first): at ℓ = L both
     * initialisations build the same network, which is one candidate.
     */
    public static List<Candidate> candidates(List<TransferPlan.Start> starts) {
        List<Candidate> out = new ArrayList<>();
        for (TransferPlan.Start s : starts) {
            Candidate c = new Candidate(s.depth(), s.build(), s.seed());
            if (out.stream().noneMatch(o -> o.depth() == c.depth() && o.init().equals(c.init()))) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * The candidates that the linear probes leave in: those at depth 0, and those whose last frozen layer's probe
     * validation error is within two binomial standard errors of the best layer's,
     * {@code e_d <= e_min + 2 sqrt(max(e_min (1 - e_min), 1 / v) / v)} with v validation rows: freezing a layer whose
     * features are clearly less linearly informative about the target than another layer's is taken as clearly worse.
     *
     * @param layers the layer scores, indexed by layer
     */
    public static List<Candidate> unpruned(List<Candidate> candidates, List<LayerScores.Score> layers, int v) {
        double best = layers.stream().mapToDouble(LayerScores.Score::probeValidationError).min().orElseThrow();
        double tolerance = 2 * Math.sqrt(Math.max(best * (1 - best), 1.0 / v) / v);
        return candidates.stream().filter(c -> c.depth() == 0
                || layers.get(c.depth()).probeValidationError() <= best + tolerance).toList();
    }

    /**
     * Predicts ℓ* and the initialisation.
     *
     * @param source       S, not modified
     * @param classes      number of target classes
     * @param train        the n training rows. Not modified.
     * @param validation   the validation rows. Not modified.
     * @param candidates   the starting networks, deepest first (ties go to the one listed first)
     * @param training     how candidates train (learning rate, batch, patience; maxEpochs is the schedule's)
     * @param schedule     the halving's budget
     * @param lambda       the probes' ridge penalty
     * @param probePruning whether candidates whose frozen layers probe clearly worse enter the halving at all
     *                     ({@link #unpruned})
     * @param cancellation polled by the trainings
     */
    public static Prediction predict(Network source, int classes, Dataset train, Dataset validation,
                                     List<Candidate> candidates, TrainingConfig training, HalvingSchedule schedule,
                                     double lambda, boolean probePruning, BooleanSupplier cancellation,
                                     KernelThreads threads) {
        long start = System.nanoTime();
        List<LayerScores.Score> layers = LayerScores.of(source, train, validation, classes, lambda, threads);
        NetworkSpec targetSpec = TrainingParameters.withHead(source.spec(), classes);
        Trainer trainer = new Trainer(training.withCacheFrozenPrefix(true)).withCancellation(cancellation);
        List<Candidate> entering = probePruning ? unpruned(candidates, layers, validation.size()) : candidates;
        List<StartContender> contenders = new ArrayList<>();
        for (Candidate c : entering) {
            Seed seed = Seed.of(c.seed());
            UnfrozenInit init = c.init().equals("random") ? UnfrozenInit.RANDOM : UnfrozenInit.PRETRAINED;
            Network network = Transfer.build(source, targetSpec, c.depth(), init, seed.derive("init"));
            contenders.add(new StartContender(network, trainer, train, validation, seed, threads));
        }
        SuccessiveHalving.Result result = SuccessiveHalving.run(contenders, schedule, candidates.size());
        Candidate winner = entering.get(result.winner());
        long cost = result.totalEpochs() * train.size() + train.size();
        return new Prediction(winner.depth(), winner.init(), result.standings().get(result.winner()).validationError(),
                cost, (System.nanoTime() - start) / 1e9, LayerScores.bestProbeLayer(layers),
                LayerScores.bestAlignedLayer(layers), layers, entering, result.entries());
    }
}
