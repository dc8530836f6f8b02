package org.defrost.study.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Dataset;
import org.defrost.nn.Head;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.train.Trainer;
import org.defrost.nn.train.TrainingConfig;
import org.defrost.spi.Seed;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.chmm.ChmmParameters;
import org.defrost.tasks.chmm.ChmmTaskPairGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The predictor on a small CHMM target: determinism under a seed, and source selection between a source trained
 * on the target's own task and one trained on an independent task.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepthPredictorTest {
    private static final TrainingConfig TRAINING = TrainingConfig.defaults().withMaxEpochs(60).withPatience(10)
            .withBatchSize(64);
    private static final HalvingSchedule SCHEDULE = new HalvingSchedule(2, 2, 2,
            HalvingSchedule.Criterion.VALIDATION_LOSS, 60);

    Network related;
    Network unrelated;
    Dataset train;
    Dataset validation;

    private static ChmmParameters chmm(double eta) {
        return ChmmParameters.builder().inputDim(30).latentDim(8).etaF(eta).etaTheta(eta).sourceTrainSize(1500)
                .targetPoolSize(1500).testSize(300).probeSize(10).build();
    }

    private static Dataset dataset(LabelledSet set) {
        return new Dataset(set.inputMatrix(), set.labels());
    }

    private static Network pretrain(LabelledSet data, LabelledSet held, long seed) {
        NetworkSpec spec = NetworkSpec.of(30, List.of(24, 24, 24), 1).withHead(Head.BINARY_LOGISTIC);
        Network network = Network.build(spec, Seed.of(seed));
        new Trainer(TRAINING).train(network, dataset(data), dataset(held), Seed.of(seed).derive("batches"));
        return network;
    }

    @BeforeAll
    void tasks(@TempDir Path dir) throws Exception {
        // Same seed: both pairs share their source task; the first pair's target is that task again, the second's is
        // independent of it.
        TaskPair identical = ChmmTaskPairGenerator.generate(chmm(0.0), Seed.of(3), dir.resolve("identical"));
        TaskPair independent = ChmmTaskPairGenerator.generate(chmm(1.0), Seed.of(3), dir.resolve("independent"));
        related = pretrain(identical.load(TaskPairSet.SOURCE_TRAIN), identical.load(TaskPairSet.SOURCE_TEST), 1);
        unrelated = pretrain(independent.load(TaskPairSet.TARGET_POOL), independent.load(TaskPairSet.TARGET_TEST), 2);
        LabelledSet pool = identical.load(TaskPairSet.TARGET_POOL);
        int[] trainRows = new int[40];
        int[] validationRows = new int[60];
        for (int i = 0; i < trainRows.length; i++) {
            trainRows[i] = i;
        }
        for (int i = 0; i < validationRows.length; i++) {
            validationRows[i] = pool.size() - validationRows.length + i;
        }
        train = dataset(pool.select(trainRows));
        validation = dataset(pool.select(validationRows));
    }

    private static List<DepthPredictor.Candidate> candidates(int layers) {
        List<DepthPredictor.Candidate> out = new ArrayList<>();
        Seed starts = Seed.of(9).derive("start");
        for (int d = layers; d >= 0; d--) {
            for (String init : d == layers ? List.of("pretrained") : List.of("random", "pretrained")) {
                out.add(new DepthPredictor.Candidate(d, init, starts.derive(d).derive(init).value()));
            }
        }
        return out;
    }

    private DepthPredictor.Prediction predict(Network source) {
        try (KernelThreads threads = KernelThreads.of(1)) {
            return DepthPredictor.predict(source, 2, train, validation, candidates(3), TRAINING, SCHEDULE, 0.01, false,
                    () -> false, threads);
        }
    }

    @Test
    void theSameInputsGiveTheSamePredictionTraceAndCost() {
        DepthPredictor.Prediction a = predict(related);
        DepthPredictor.Prediction b;
        try (KernelThreads threads = KernelThreads.of(2)) {
            b = DepthPredictor.predict(related, 2, train, validation, candidates(3), TRAINING, SCHEDULE, 0.01, false,
                    () -> false, threads);
        }
        assertEquals(a.depth(), b.depth());
        assertEquals(a.init(), b.init());
        assertEquals(a.validationError(), b.validationError());
        assertEquals(a.costSampleEpochs(), b.costSampleEpochs());
        assertEquals(a.halving(), b.halving(), "every rung alike, on one thread or two");
        assertEquals(a.layers(), b.layers());
    }

    @Test
    void theCostIsTheHalvingEpochsTimesTheTrainingRowsPlusOneForwardPass() {
        DepthPredictor.Prediction p = predict(related);
        long epochs = p.halving().stream().mapToLong(SuccessiveHalving.RungEntry::epochs).sum();
        assertEquals(epochs * train.size() + train.size(), p.costSampleEpochs());
        assertEquals(7, p.candidates().size());
        assertEquals(7, p.halving().stream().filter(e -> e.rung() == 0).count(), "every candidate starts");
    }

    @Test
    void aSourceTrainedOnTheTargetsTaskIsRankedAboveAnUnrelatedOne() {
        DepthPredictor.Prediction good = predict(related);
        DepthPredictor.Prediction bad = predict(unrelated);
        SourceRanking ranking = new SourceRanking(List.of(
                new SourceRanking.Entry("t", 0, 40, "unrelated", bad.validationError(), bad.depth(), bad.init(), Double.NaN),
                new SourceRanking.Entry("t", 0, 40, "related", good.validationError(), good.depth(), good.init(), Double.NaN)));
        assertEquals("related", ranking.groups().get(0).get(0).source(),
                () -> "related " + good.validationError() + " vs unrelated " + bad.validationError());
        assertEquals("related", ranking.choice().get(40));
        assertTrue(good.layers().get(3).probeValidationError() < bad.layers().get(3).probeValidationError(),
                "the related source's last layer probes better");
    }

    @Test
    void probePruningKeepsDepthZeroAndTheDepthsWithinTwoStandardErrorsOfTheBestProbe() {
        // 100 validation rows, best probe error 0.10: tolerance 2 sqrt(0.09 / 100) = 0.06.
        List<LayerScores.Score> layers = List.of(new LayerScores.Score(0, 30, 0, 0.30, 0.1),
                new LayerScores.Score(1, 24, 0, 0.10, 0.1), new LayerScores.Score(2, 24, 0, 0.159, 0.1),
                new LayerScores.Score(3, 24, 0, 0.161, 0.1));
        List<DepthPredictor.Candidate> kept = DepthPredictor.unpruned(candidates(3), layers, 100);
        assertEquals(List.of("depth2-random", "depth2-pretrained", "depth1-random", "depth1-pretrained",
                "depth0-random", "depth0-pretrained"), kept.stream().map(DepthPredictor.Candidate::name).toList());
    }
}
