package org.defrost.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.LayerParameters;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.Propagator;
import org.defrost.nn.TestData;
import org.defrost.nn.backend.DoubleBackend;
import org.defrost.nn.backend.FloatBackend;
import org.defrost.spi.Seed;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Optimiser updates against their textbook formulas, in double precision. */
class OptimizerStepTest {
    private static final DoubleBackend D = new DoubleBackend(KernelThreads.single());

    @Test
    void firstAdamStepMovesEachParameterByTheLearningRateAgainstTheGradientSign() {
        DMatrixRMaj p = new DMatrixRMaj(1, 3, true, 1.0, -2.0, 0.5);
        DMatrixRMaj g = new DMatrixRMaj(1, 3, true, 0.3, -4.0, 1e-3);
        DMatrixRMaj m = new DMatrixRMaj(1, 3);
        DMatrixRMaj v = new DMatrixRMaj(1, 3);
        double lr = 0.01;
        double eps = 1e-8;
        D.adamStep(p, g, m, v, lr, 0.9, 0.999, eps, 1 - 0.9, 1 - 0.999, 0, 0);
        double[] p0 = {1.0, -2.0, 0.5};
        for (int i = 0; i < 3; i++) {
            double expected = p0[i] - lr * g.data[i] / (Math.abs(g.data[i]) + eps);
            assertEquals(expected, p.data[i], 1e-12);
            assertEquals(0.1 * g.data[i], m.data[i], 1e-15);
            assertEquals(0.001 * g.data[i] * g.data[i], v.data[i], 1e-15);
        }
    }

    @Test
    void adamWShrinksWeightsByLearningRateTimesDecayIndependentlyOfTheGradient() {
        DMatrixRMaj p = new DMatrixRMaj(1, 2, true, 2.0, -1.0);
        DMatrixRMaj zero = new DMatrixRMaj(1, 2);
        D.adamStep(p, zero, new DMatrixRMaj(1, 2), new DMatrixRMaj(1, 2), 0.1, 0.9, 0.999, 1e-8, 0.1, 0.001, 0, 0.5);
        assertEquals(2.0 * 0.95, p.data[0], 1e-15);
        assertEquals(-1.0 * 0.95, p.data[1], 1e-15);
    }

    @Test
    void nesterovMomentumFollowsPyTorchsFormula() {
        double lr = 0.1;
        double mu = 0.9;
        DMatrixRMaj p = new DMatrixRMaj(1, 1, true, 1.0);
        DMatrixRMaj b = new DMatrixRMaj(1, 1);
        D.sgdStep(p, new DMatrixRMaj(1, 1, true, 2.0), b, lr, mu, true, 0);
        // b1 = 2, step = 2 + 0.9 * 2
        assertEquals(1.0 - lr * 3.8, p.data[0], 1e-15);
        D.sgdStep(p, new DMatrixRMaj(1, 1, true, -1.0), b, lr, mu, true, 0);
        // b2 = 0.9 * 2 - 1 = 0.8, step = -1 + 0.9 * 0.8
        assertEquals(1.0 - lr * 3.8 - lr * (-1 + 0.72), p.data[0], 1e-15);
    }

    @Test
    void weightDecayReachesWeightsButNotBiases() {
        NetworkSpec spec = NetworkSpec.of(4, List.of(3), 2);
        LayerParameters<DMatrixRMaj> params = Network.build(spec, Seed.of(1)).parameters()
                .convert(new FloatBackend(KernelThreads.single()), D);
        for (int k = 1; k <= 2; k++) {
            params.bias(k).fill(0.25);
        }
        boolean[] trainable = {false, true, true};
        Propagator<DMatrixRMaj> prop = new Propagator<>(D, params, 1, trainable, 5);
        prop.forward(TestData.gaussianDouble(5, 4, 2));
        prop.lossAndGradient(TestData.labels(5, 2, 3));
        prop.backward();
        DMatrixRMaj w = params.weight(1).copy();
        DMatrixRMaj bias = params.bias(1).copy();
        double lr = 0.1;
        double decay = 0.5;
        TrainingConfig config = TrainingConfig.defaults().withOptimizer(Optimizer.sgd(0, false))
                .withWeightDecay(decay).withLearningRate(lr);
        new ParameterUpdater<>(D, params, trainable, config).step(prop, lr);
        for (int i = 0; i < w.data.length; i++) {
            double g = prop.weightGradient(1).data[i];
            assertEquals(w.data[i] - lr * (g + decay * w.data[i]), params.weight(1).data[i], 1e-15);
        }
        for (int i = 0; i < bias.data.length; i++) {
            assertEquals(bias.data[i] - lr * prop.biasGradient(1).data[i], params.bias(1).data[i], 1e-15);
        }
    }

    @Test
    void onlyTrainableLayersCarryOptimizerState() {
        NetworkSpec spec = NetworkSpec.of(4, List.of(3, 3, 3), 2);
        LayerParameters<DMatrixRMaj> params = new LayerParameters<>(spec, D);
        boolean[] trainable = {false, false, true, false, true};
        ParameterUpdater<DMatrixRMaj> adam = new ParameterUpdater<>(D, params, trainable, TrainingConfig.defaults());
        assertEquals(List.of(2, 4), adam.layers());
    }

    @Test
    void schedulesGiveTheDocumentedFactors() {
        assertEquals(1.0, Schedule.constant().factor(50, 100));
        Schedule step = Schedule.step(10, 0.5);
        assertEquals(1.0, step.factor(10, 100));
        assertEquals(0.5, step.factor(11, 100));
        assertEquals(0.25, step.factor(21, 100));
        Schedule cosine = Schedule.cosine(0.1);
        assertEquals(1.0, cosine.factor(1, 11), 1e-15);
        assertEquals(0.55, cosine.factor(6, 11), 1e-15);
        assertEquals(0.1, cosine.factor(11, 11), 1e-15);
    }

    @Test
    void inconsistentOptimizerSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(0, true));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(1.0, false));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults().withLearningRate(0));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults().withPatience(0));
    }
}
