package org.defrost.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Activation;
import org.defrost.nn.Dataset;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.TestData;
import org.defrost.spi.Seed;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(20, List.of(48, 40, 32), 3);
    private static final Dataset TRAIN = TestData.random(300, 20, 3, 11);
    private static final Dataset VALIDATION = TestData.random(120, 20, 3, 12);
    private static final TrainingConfig QUICK = TrainingConfig.defaults().withMaxEpochs(4).withBatchSize(32);

    @Test
    void oneSeedGivesBitIdenticalWeightsAndHistoryWithOneOrTwoKernelThreads() {
        Network a = Network.build(SPEC, Seed.of(5));
        Network b = Network.build(SPEC, Seed.of(5));
        TrainingResult ra = new Trainer(QUICK).withThreads(1).train(a, TRAIN, VALIDATION, Seed.of(5));
        TrainingResult rb = new Trainer(QUICK).withThreads(2).train(b, TRAIN, VALIDATION, Seed.of(5));
        assertSameWeights(a, b);
        assertSameMetrics(ra, rb);
        Network c = Network.build(SPEC, Seed.of(6));
        new Trainer(QUICK).train(c, TRAIN, VALIDATION, Seed.of(6));
        assertFalse(java.util.Arrays.equals(a.weight(1).data, c.weight(1).data), "another seed, other weights");
    }

    @Test
    void runsOnTheKernelThatTheDefrostKernelsPropertySelects() {
        String forced = System.getProperty("defrost.kernels");
        assertEquals(forced == null ? "vector" : forced, org.defrost.kernels.FloatGemm.implementation());
    }

    @Test
    void networksTrainedConcurrentlyEqualNetworksTrainedAlone() throws Exception {
        Network alone = Network.build(SPEC, Seed.of(8));
        TrainingResult aloneResult = new Trainer(QUICK).withThreads(1).train(alone, TRAIN, VALIDATION, Seed.of(8));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Network> nets = new ArrayList<>();
            List<Future<TrainingResult>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Network n = Network.build(SPEC, Seed.of(8));
                nets.add(n);
                results.add(pool.submit(() -> new Trainer(QUICK).withThreads(1).train(n, TRAIN, VALIDATION,
                        Seed.of(8))));
            }
            for (int i = 0; i < 3; i++) {
                assertSameMetrics(aloneResult, results.get(i).get());
                assertSameWeights(alone, nets.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void frozenLayersAreBitIdenticalAfterTraining() {
        Network net = Network.build(SPEC, Seed.of(9));
        net.setFrozen(1, true);
        net.setFrozen(3, true);
        Network before = net.copy();
        new Trainer(QUICK).train(net, TRAIN, VALIDATION, Seed.of(9));
        for (int k : new int[] {1, 3}) {
            assertArrayEquals(before.weight(k).data, net.weight(k).data, "weight " + k);
            assertArrayEquals(before.bias(k).data, net.bias(k).data, "bias " + k);
        }
        for (int k : new int[] {2, 4}) {
            assertFalse(java.util.Arrays.equals(before.weight(k).data, net.weight(k).data), "layer " + k + " trains");
        }
    }

    @Test
    void cachedPrefixTrainingEqualsFullPropagationBitForBit() {
        for (Activation act : new Activation[] {Activation.RELU, Activation.ERF}) {
            NetworkSpec spec = SPEC.withActivation(act);
            for (int depth = 1; depth <= 3; depth++) {
                Network full = Network.build(spec, Seed.of(10));
                full.freezeThrough(depth);
                Network cached = full.copy();
                TrainingResult rf = new Trainer(QUICK.withCacheFrozenPrefix(false))
                        .train(full, TRAIN, VALIDATION, Seed.of(10));
                TrainingResult rc = new Trainer(QUICK).train(cached, TRAIN, VALIDATION, Seed.of(10));
                assertEquals(0, rf.cachedPrefixDepth());
                assertEquals(depth, rc.cachedPrefixDepth());
                assertSameWeights(full, cached);
                assertSameMetrics(rf, rc);
            }
        }
    }

    @Test
    void separableProblemTrainsToZeroError() {
        Dataset data = TestData.linearlySeparable(400, 10, 21);
        Network net = Network.build(NetworkSpec.of(10, List.of(32, 32), 1), Seed.of(21));
        TrainingConfig config = TrainingConfig.defaults().withLearningRate(1e-2).withMaxEpochs(60);
        new Trainer(config).train(net, data, null, Seed.of(21));
        assertEquals(0, net.evaluate(data, KernelThreads.single()).errors());
    }

    @Test
    void everyOptimizerReducesTheTrainingLoss() {
        Dataset data = TestData.linearlySeparable(200, 10, 22);
        NetworkSpec spec = NetworkSpec.of(10, List.of(16), 1);
        for (Optimizer o : new Optimizer[] {Optimizer.sgd(0, false), Optimizer.sgd(0.9, false),
            Optimizer.sgd(0.9, true), Optimizer.adam(), Optimizer.adamW()}) {
            Network net = Network.build(spec, Seed.of(22));
            double before = net.evaluate(data, KernelThreads.single()).loss();
            TrainingConfig c = TrainingConfig.defaults().withOptimizer(o).withMaxEpochs(5).withBatchSize(16)
                    .withWeightDecay(1e-4)
                    .withLearningRate(o.kind() == Optimizer.Kind.SGD ? 0.05 : 5e-3);
            new Trainer(c).train(net, data, null, Seed.of(22));
            double after = net.evaluate(data, KernelThreads.single()).loss();
            assertTrue(after < 0.7 * before, o + ": loss " + before + " -> " + after);
        }
    }

    @Test
    void divergenceStopsWithTheEpochAndMinibatch() {
        Network net = Network.build(SPEC, Seed.of(13));
        TrainingConfig config = QUICK.withOptimizer(Optimizer.sgd(0.9, false)).withLearningRate(1e6);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(config).train(net, TRAIN, VALIDATION, Seed.of(13)));
        assertTrue(e.getMessage().matches("training diverged: loss is \\S+ at epoch [1-9]\\d*, minibatch [1-9]\\d* of "
                + "[1-9]\\d* with learning rate 1000000.0; lower the learning rate"), e.getMessage());
    }

    @Test
    void cancellationIsPolledEveryMinibatch() {
        Network net = Network.build(SPEC, Seed.of(14));
        AtomicInteger polls = new AtomicInteger();
        Trainer t = new Trainer(QUICK).withCancellation(() -> polls.incrementAndGet() > 13);
        CancellationException e = assertThrows(CancellationException.class,
                () -> t.train(net, TRAIN, VALIDATION, Seed.of(14)));
        assertEquals(14, polls.get());
        assertTrue(e.getMessage().contains("epoch 2, minibatch 4 of 10"), e.getMessage());
    }

    @Test
    void earlyStoppingRestoresTheBestValidationWeights() {
        Network net = Network.build(SPEC, Seed.of(15));
        List<EpochRecord> seen = new ArrayList<>();
        TrainingConfig config = TrainingConfig.defaults().withLearningRate(1e-2).withPatience(3).withMaxEpochs(200);
        TrainingResult r = new Trainer(config).withListener(seen::add).train(net, TRAIN, VALIDATION, Seed.of(15));
        assertEquals(StopReason.EARLY_STOPPING, r.stopReason());
        assertEquals(r.bestEpoch() + 3, r.epochsRun());
        assertEquals(r.history(), seen);
        double bestLoss = r.best().validationLoss();
        for (EpochRecord e : r.history()) {
            assertTrue(e.validationLoss() >= bestLoss);
        }
        assertEquals(bestLoss, net.evaluate(VALIDATION, KernelThreads.single()).loss(), 0);
    }

    @Test
    void withoutValidationTrainsForTheWholeBudgetAndKeepsTheLastWeights() {
        Network net = Network.build(SPEC, Seed.of(16));
        TrainingResult r = new Trainer(QUICK).train(net, TRAIN, null, Seed.of(16));
        assertEquals(StopReason.MAX_EPOCHS, r.stopReason());
        assertEquals(4, r.epochsRun());
        assertEquals(4, r.bestEpoch());
        assertTrue(Double.isNaN(r.history().get(0).validationLoss()));
        assertEquals(4L * TRAIN.size(), r.samplesTrained());
        assertTrue(r.samplesPerSecond() > 0);
    }

    @Test
    void zeroLearningRateMultiplierLeavesALayerUnchanged() {
        Network net = Network.build(SPEC, Seed.of(17));
        Network before = net.copy();
        new Trainer(QUICK.withLayerLearningRateMultipliers(java.util.Map.of(2, 0.0)))
                .train(net, TRAIN, null, Seed.of(17));
        assertArrayEquals(before.weight(2).data, net.weight(2).data);
        assertFalse(java.util.Arrays.equals(before.weight(1).data, net.weight(1).data));
    }

    @Test
    void invalidInputsAreRejectedWithClearMessages() {
        Network net = Network.build(SPEC, Seed.of(18));
        Dataset badLabels = new Dataset(TRAIN.inputs(), TestData.labels(TRAIN.size(), 5, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(QUICK).train(net, badLabels, null, Seed.of(18)));
        assertTrue(e.getMessage().contains("outside 0..2"), e.getMessage());
        Dataset narrow = TestData.random(10, 7, 3, 1);
        assertThrows(IllegalArgumentException.class, () -> new Trainer(QUICK).train(net, narrow, null, Seed.of(1)));
        for (int k = 1; k <= net.layerCount(); k++) {
            net.setFrozen(k, true);
        }
        assertThrows(IllegalArgumentException.class, () -> new Trainer(QUICK).train(net, TRAIN, null, Seed.of(1)));
    }

    static void assertSameWeights(Network a, Network b) {
        for (int k = 1; k <= a.layerCount(); k++) {
            assertArrayEquals(a.weight(k).data, b.weight(k).data, "weight " + k);
            assertArrayEquals(a.bias(k).data, b.bias(k).data, "bias " + k);
        }
    }

    static void assertSameMetrics(TrainingResult a, TrainingResult b) {
        assertEquals(a.epochsRun(), b.epochsRun());
        assertEquals(a.bestEpoch(), b.bestEpoch());
        for (int i = 0; i < a.history().size(); i++) {
            EpochRecord x = a.history().get(i);
            EpochRecord y = b.history().get(i);
            assertEquals(x.trainLoss(), y.trainLoss(), 0, "train loss, epoch " + x.epoch());
            assertEquals(x.validationLoss(), y.validationLoss(), 0, "validation loss, epoch " + x.epoch());
            assertEquals(x.validationError(), y.validationError(), 0, "validation error, epoch " + x.epoch());
        }
    }
}
