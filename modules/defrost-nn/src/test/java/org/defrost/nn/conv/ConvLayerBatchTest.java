package org.defrost.nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Activation;
import org.defrost.nn.backend.FloatBackend;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * A convolution layer computes each product over the whole batch, split across the threads: no result may depend on
 * the thread count, and each sample's output and input gradient must be the bits it gets alone.
 */
class ConvLayerBatchTest {
    /** 128×128 pixels: products tall enough to be split across threads by rows. */
    private static final ImageShape IMAGE = new ImageShape(1, 128, 128);
    private static final LayerSpec.Conv SPEC = new LayerSpec.Conv(3, 3, 1, 1, true);
    private static final int BATCH = 5;

    private record Pass(float[] output, float[] inputGrad, List<float[]> grads) {
    }

    private static Pass run(KernelThreads t, FMatrixRMaj x, FMatrixRMaj g, List<FMatrixRMaj> tensors) {
        ConvLayer<FMatrixRMaj> layer = new ConvLayer<>(new FloatBackend(t), ImageOps.floats(t), SPEC, IMAGE, tensors,
                Activation.RELU, x.numRows, true, true);
        int rows = x.numRows;
        float[] output = Arrays.copyOf(layer.forward(x, rows, true).data, rows * layer.out.size());
        FMatrixRMaj gradient = g.copy();
        float[] inputGrad = Arrays.copyOf(layer.backward(gradient, rows, true, true, true).data, rows * IMAGE.size());
        return new Pass(output, inputGrad, layer.gradients().stream().map(m -> m.data.clone()).toList());
    }

    @Test
    void oneOrThreeThreadsGiveTheSameBitsAndEachSampleGetsTheBitsItGetsAlone() {
        SplittableRandom r = new SplittableRandom(3);
        FMatrixRMaj weight = random(r, SPEC.kernel() * SPEC.kernel() * IMAGE.channels(), SPEC.filters());
        FMatrixRMaj bias = random(r, 1, SPEC.filters());
        ImageShape out = SPEC.output(IMAGE);
        FMatrixRMaj x = random(r, BATCH, IMAGE.size());
        FMatrixRMaj g = random(r, BATCH, out.size());
        Pass one = run(KernelThreads.single(), x, g, List.of(weight, bias));
        Pass three;
        try (KernelThreads t = KernelThreads.of(3)) {
            three = run(t, x, g, List.of(weight, bias));
        }
        assertArrayEquals(one.output(), three.output());
        assertArrayEquals(one.inputGrad(), three.inputGrad());
        assertEquals(one.grads().size(), three.grads().size());
        for (int i = 0; i < one.grads().size(); i++) {
            assertArrayEquals(one.grads().get(i), three.grads().get(i), "tensor gradient " + i);
        }
        for (int s = 0; s < BATCH; s++) {
            FMatrixRMaj xs = rows(x, s);
            Pass alone = run(KernelThreads.single(), xs, rows(g, s), List.of(weight, bias));
            assertArrayEquals(alone.output(), Arrays.copyOfRange(one.output(), s * out.size(), (s + 1) * out.size()),
                    "output of sample " + s);
            assertArrayEquals(alone.inputGrad(),
                    Arrays.copyOfRange(one.inputGrad(), s * IMAGE.size(), (s + 1) * IMAGE.size()),
                    "input gradient of sample " + s);
        }
    }

    private static FMatrixRMaj rows(FMatrixRMaj m, int row) {
        FMatrixRMaj r = new FMatrixRMaj(1, m.numCols);
        System.arraycopy(m.data, row * m.numCols, r.data, 0, m.numCols);
        return r;
    }

    private static FMatrixRMaj random(SplittableRandom r, int rows, int cols) {
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) r.nextGaussian();
        }
        return m;
    }
}
