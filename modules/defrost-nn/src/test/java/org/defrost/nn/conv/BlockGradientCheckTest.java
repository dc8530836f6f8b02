package org.defrost.nn.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Activation;
import org.defrost.nn.backend.DoubleBackend;
import org.defrost.spi.Seed;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Central finite differences against the gradients of {@link BlockPropagator}, in double precision on the same
 * layer code that trains in float, for every layer kind, stride/padding combination and frozen layout.
 */
class BlockGradientCheckTest {
    private static final DoubleBackend BACKEND = new DoubleBackend(KernelThreads.single());
    private static final ImageOps<DMatrixRMaj, double[]> OPS = ImageOps.doubles(KernelThreads.single());
    private static final double STEP = 1e-5;
    private static final int BATCH = 3;
    private static final int CHECKS_PER_TENSOR = 12;

    @ParameterizedTest(name = "{0} on {1}×{2}×{2}, {3}, trainable {4}")
    @CsvSource(delimiter = ';', value = {
        // conv with padding, batch norm, max pooling; strided conv without padding; average pooling with stride 1
        "conv 3 3x3, bn, pool 2, conv 4 3x3 stride 2 pad 0, avgpool 2 stride 1, dense 5, bn; 2; 11; tanh; 1111",
        "conv 3 3x3, bn, pool 2, conv 4 3x3 stride 2 pad 0, avgpool 2 stride 1, dense 5, bn; 2; 11; relu; 1111",
        // frozen blocks: a frozen prefix, and frozen blocks between trainable ones (gradient passes through)
        "conv 3 3x3, bn, pool 2, conv 4 3x3 stride 2 pad 0, avgpool 2 stride 1, dense 5, bn; 2; 11; tanh; 0011",
        "conv 3 3x3, bn, pool 2, conv 4 3x3 stride 2 pad 0, avgpool 2 stride 1, dense 5, bn; 2; 11; tanh; 1010",
        // 1×1 kernel, stride larger than 1 with padding, odd sizes, global average pooling
        "conv 2 1x1, conv 3 5x5 stride 3 pad 2, gap, dense 4; 1; 7; erf; 1111",
        "conv 2 1x1, conv 3 5x5 stride 3 pad 2, gap, dense 4; 1; 7; sigmoid; 0101",
        // kernel as large as the image; a 1×1 image with padding; overlapping max pooling
        "conv 3 4x4 pad 0, dense 3; 2; 4; tanh; 11",
        "conv 2 3x3, bn, dense 2; 3; 1; tanh; 11",
        "conv 5 2x2 pad 1, bn, pool 3 stride 2; 1; 6; tanh; 11",
        // max pooling right after the conv layer's activation: windows that tile the image (the pooling applies the
        // activation derivative), overlapping windows, windows with gaps between them and rows left over
        "conv 4 3x3, pool 2, conv 3 3x3, pool 3 stride 2, dense 4; 2; 10; relu; 111",
        "conv 4 3x3, pool 2, conv 3 3x3, pool 3 stride 2, dense 4; 2; 10; sigmoid; 011",
        "conv 3 3x3, pool 2 stride 3, conv 2 3x3 pad 0, pool 2 stride 1; 1; 11; tanh; 11",
        "conv 3 3x3, pool 2, conv 2 3x3, pool 2; 2; 7; erf; 11",
        // no blocks at all: the readout alone
        "; 2; 3; tanh; 1"
    })
    void analyticGradientsMatchFiniteDifferences(String text, int channels, int side, String act, String flags) {
        ImageShape input = new ImageShape(channels, side, side);
        Architecture arch = Architecture.parse("[" + (text == null ? "" : text) + "]", input, 3).withActivation(Activation.fromId(act));
        boolean[] trainable = new boolean[arch.blockCount() + 2];
        for (int b = 1; b <= arch.blockCount(); b++) {
            trainable[b] = flags.charAt(b - 1) == '1';
        }
        trainable[arch.blockCount() + 1] = true;
        BlockParameters<DMatrixRMaj> params = new BlockParameters<>(arch, BACKEND);
        Seed seed = Seed.of(11);
        for (int b = 1; b <= arch.blockCount() + 1; b++) {
            params.initialise(b, seed, BACKEND);
            perturbNormalisation(params, b);
        }
        SplittableRandom random = new SplittableRandom(5);
        DMatrixRMaj x = new DMatrixRMaj(BATCH, input.size());
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = random.nextGaussian();
        }
        int[] labels = {0, 2, 1};
        BlockPropagator<DMatrixRMaj> p = new BlockPropagator<>(BACKEND, OPS, params, 1, arch.blockCount() + 1,
                trainable, BATCH);
        p.forward(x);
        p.lossAndGradient(labels);
        p.backward();
        int checked = 0;
        for (int b = 1; b <= arch.blockCount() + 1; b++) {
            if (!trainable[b]) {
                int block = b;
                assertThrows(IllegalArgumentException.class, () -> p.gradients(block));
                continue;
            }
            List<DMatrixRMaj> tensors = params.trainable(b);
            List<DMatrixRMaj> grads = p.gradients(b);
            assertEquals(tensors.size(), grads.size());
            for (int t = 0; t < tensors.size(); t++) {
                DMatrixRMaj w = tensors.get(t);
                double[] analytic = grads.get(t).data.clone();
                for (int c = 0; c < Math.min(CHECKS_PER_TENSOR, w.getNumElements()); c++) {
                    int i = random.nextInt(w.getNumElements());
                    double saved = w.data[i];
                    w.data[i] = saved + STEP;
                    double up = loss(p, x, labels);
                    w.data[i] = saved - STEP;
                    double down = loss(p, x, labels);
                    w.data[i] = saved;
                    double numeric = (up - down) / (2 * STEP);
                    assertEquals(numeric, analytic[i], 1e-7 + 1e-5 * Math.abs(numeric),
                            "block " + b + " tensor " + t + " element " + i);
                    checked++;
                }
            }
        }
        assertTrue(checked > 0);
    }

    /** γ, β and the running statistics away from their initial values, so that every term is exercised. */
    private static void perturbNormalisation(BlockParameters<DMatrixRMaj> params, int block) {
        List<LayerSpec> layers = params.architecture().block(block).layers();
        SplittableRandom r = new SplittableRandom(block);
        for (int j = 0; j < layers.size(); j++) {
            if (layers.get(j) instanceof LayerSpec.BatchNorm) {
                List<DMatrixRMaj> t = params.tensors(block, j);
                for (int c = 0; c < t.get(0).getNumElements(); c++) {
                    t.get(0).data[c] = 0.5 + r.nextDouble();
                    t.get(1).data[c] = r.nextGaussian() * 0.3;
                    t.get(2).data[c] = r.nextGaussian() * 0.3;
                    t.get(3).data[c] = 0.5 + r.nextDouble();
                }
            }
        }
    }

    private static double loss(BlockPropagator<DMatrixRMaj> p, DMatrixRMaj x, int[] labels) {
        p.forward(x);
        return p.loss(labels);
    }
}
