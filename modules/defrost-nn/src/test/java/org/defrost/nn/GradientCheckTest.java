package org.defrost.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.backend.DoubleBackend;
import org.defrost.nn.backend.FloatBackend;
import org.defrost.spi.Seed;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Finite-difference checks of the gradients that {@link Propagator} computes, run in double precision on the
 * same propagation code that trains in float.
 */
class GradientCheckTest {
    private static final DoubleBackend DOUBLE = new DoubleBackend(KernelThreads.single());
    private static final double STEP = 1e-6;
    private static final int BATCH = 7;

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationPassesUnderSoftmaxCrossEntropy(Activation act) {
        check(spec(4, Head.SOFTMAX_CROSS_ENTROPY, act, true), null, 1);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationPassesUnderBinaryLogistic(Activation act) {
        check(spec(1, Head.BINARY_LOGISTIC, act, true), null, 2);
    }

    @ParameterizedTest
    @EnumSource(Head.class)
    void everyHeadPassesWithAndWithoutBiases(Head head) {
        int k = head == Head.BINARY_LOGISTIC ? 1 : 3;
        check(spec(k, head, Activation.TANH, true), null, 3);
        check(spec(k, head, Activation.TANH, false), null, 4);
    }

    @Test
    void meanSquaredErrorWithASingleOutputPasses() {
        check(spec(1, Head.MEAN_SQUARED_ERROR, Activation.ERF, true), null, 5);
    }

    @Test
    void trainableLayersAboveAndBetweenFrozenLayersPass() {
        NetworkSpec s = spec(3, Head.SOFTMAX_CROSS_ENTROPY, Activation.SIGMOID, true);
        check(s, new boolean[] {false, false, true, false, true}, 6);
        check(s, new boolean[] {false, true, false, false, false}, 7);
    }

    @Test
    void propagatorWithoutTrainableLayersIsRejected() {
        NetworkSpec s = spec(3, Head.SOFTMAX_CROSS_ENTROPY, Activation.RELU, true);
        LayerParameters<DMatrixRMaj> p = doubleParams(s, 1);
        assertThrows(IllegalArgumentException.class,
                () -> new Propagator<>(DOUBLE, p, 1, new boolean[s.layerCount() + 1], BATCH));
    }

    private static NetworkSpec spec(int outputs, Head head, Activation act, boolean bias) {
        return new NetworkSpec(5, List.of(6, 4, 5), outputs, act, head, Init.xavierNormal(), bias);
    }

    private static LayerParameters<DMatrixRMaj> doubleParams(NetworkSpec spec, long seed) {
        Network n = Network.build(spec, Seed.of(seed));
        LayerParameters<DMatrixRMaj> p = n.parameters().convert(new FloatBackend(KernelThreads.single()), DOUBLE);
        if (spec.bias()) { // non-zero biases so that their gradients are exercised away from the origin
            DMatrixRMaj noise = TestData.gaussianDouble(1, 64, seed + 100);
            for (int k = 1; k <= spec.layerCount(); k++) {
                DMatrixRMaj b = p.bias(k);
                for (int i = 0; i < b.data.length; i++) {
                    b.data[i] = 0.3 * noise.data[(k * 7 + i) % 64];
                }
            }
        }
        return p;
    }

    /** Checks every weight and bias gradient of the trainable layers (all layers when {@code flags} is null). */
    private static void check(NetworkSpec spec, boolean[] flags, long seed) {
        LayerParameters<DMatrixRMaj> p = doubleParams(spec, seed);
        boolean[] trainable = flags;
        if (trainable == null) {
            trainable = new boolean[spec.layerCount() + 1];
            java.util.Arrays.fill(trainable, 1, trainable.length, true);
        }
        DMatrixRMaj x = TestData.gaussianDouble(BATCH, spec.inputDim(), seed + 1);
        int[] y = TestData.labels(BATCH, spec.head().classCount(spec.outputDim()), seed + 2);
        Propagator<DMatrixRMaj> prop = new Propagator<>(DOUBLE, p, 1, trainable, BATCH);
        prop.forward(x);
        prop.lossAndGradient(y);
        prop.backward();
        Propagator<DMatrixRMaj> probe = new Propagator<>(DOUBLE, p, 1, null, BATCH);
        for (int k = 1; k <= spec.layerCount(); k++) {
            if (!trainable[k]) {
                int layer = k;
                assertThrows(IllegalArgumentException.class, () -> prop.weightGradient(layer));
                continue;
            }
            compare(p.weight(k), prop.weightGradient(k), probe, x, y, spec + " W" + k);
            if (spec.bias()) {
                compare(p.bias(k), prop.biasGradient(k), probe, x, y, spec + " b" + k);
            }
        }
    }

    private static void compare(DMatrixRMaj param, DMatrixRMaj analytic, Propagator<DMatrixRMaj> probe,
                                DMatrixRMaj x, int[] y, String what) {
        assertEquals(param.numRows, analytic.numRows, what);
        assertEquals(param.numCols, analytic.numCols, what);
        for (int i = 0; i < param.data.length; i++) {
            double saved = param.data[i];
            param.data[i] = saved + STEP;
            probe.forward(x);
            double up = probe.loss(y);
            param.data[i] = saved - STEP;
            probe.forward(x);
            double down = probe.loss(y);
            param.data[i] = saved;
            double numeric = (up - down) / (2 * STEP);
            double tolerance = 1e-7 * Math.max(1, Math.abs(numeric));
            assertEquals(numeric, analytic.data[i], tolerance, what + "[" + i + "]");
        }
    }
}
