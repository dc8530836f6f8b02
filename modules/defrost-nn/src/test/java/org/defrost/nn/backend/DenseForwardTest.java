package org.defrost.nn.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Activation;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A dense layer's forward pass in one product whose epilogue adds the bias and activates gives the bits of the
 * product followed by the separate bias-and-activation pass, on one thread and on several, and leaves what the
 * activation's derivative reads.
 */
class DenseForwardTest {
    /** batch, inputs, outputs: a training batch, edge tiles in both directions, and a product computed transposed. */
    private static final int[][] SHAPES = {{64, 500, 400}, {7, 13, 33}, {1, 5, 3}, {130, 40, 1}, {3, 40, 200}};

    private static FMatrixRMaj random(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) r.nextGaussian();
        }
        return m;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void oneProductGivesTheBitsOfTheSeparatePasses(Activation act) {
        for (int[] s : SHAPES) {
            FMatrixRMaj x = random(s[0], s[1], 1);
            FMatrixRMaj w = random(s[1], s[2], 2);
            for (FMatrixRMaj bias : new FMatrixRMaj[] {random(1, s[2], 3), null}) {
                FMatrixRMaj z = new FMatrixRMaj(s[0], s[2]);
                FMatrixRMaj expected = new FMatrixRMaj(s[0], s[2]);
                FloatBackend plain = new FloatBackend(KernelThreads.single());
                plain.mult(x, w, z, false);
                plain.addBiasAndActivate(z, bias, act, expected);
                for (int threads = 1; threads <= 3; threads++) {
                    try (KernelThreads t = KernelThreads.of(threads)) {
                        FloatBackend backend = new FloatBackend(t);
                        FMatrixRMaj scratch = new FMatrixRMaj(s[0], s[2]);
                        FMatrixRMaj out = new FMatrixRMaj(1, 1);
                        backend.multAddBiasAndActivate(x, w, bias, act, scratch, out);
                        backend.multAddBiasAndActivate(x, w, bias, act, scratch, out); // the layer's epilogue again
                        assertArrayEquals(expected.data, out.data, 0f, act + " " + s[0] + "×" + s[1] + "×" + s[2]);
                        assertEquals(s[0], out.numRows);
                        if (act == Activation.ERF) {
                            assertArrayEquals(z.data, scratch.data, 0f, "ERF's derivative reads the pre-activation");
                        }
                        FMatrixRMaj inPlace = new FMatrixRMaj(s[0], s[2]);
                        backend.multAddBiasAndActivate(x, w, bias, act, inPlace, inPlace);
                        assertArrayEquals(expected.data, inPlace.data, 0f, act + " in place");
                    }
                }
            }
        }
    }

    @Test
    void aBackendRunningManyLayersGivesEachItsOwnBias() {
        FMatrixRMaj x = random(9, 7, 1);
        FMatrixRMaj w = random(7, 20, 2);
        FloatBackend backend = new FloatBackend(KernelThreads.single());
        FMatrixRMaj z = new FMatrixRMaj(9, 20);
        FMatrixRMaj expected = new FMatrixRMaj(9, 20);
        FMatrixRMaj out = new FMatrixRMaj(9, 20);
        for (int layer = 0; layer < 150; layer++) { // more biases than the backend keeps epilogues for
            FMatrixRMaj bias = random(1, 20, 10 + layer);
            backend.mult(x, w, z, false);
            backend.addBiasAndActivate(z, bias, Activation.RELU, expected);
            backend.multAddBiasAndActivate(x, w, bias, Activation.RELU, z, out);
            assertArrayEquals(expected.data, out.data, 0f, "layer " + layer);
        }
    }

    @Test
    void nanFromTheProductStaysNanThroughTheRectifier() {
        FMatrixRMaj x = random(8, 4, 1);
        x.data[5] = Float.NaN;
        FMatrixRMaj w = random(4, 20, 2);
        FMatrixRMaj out = new FMatrixRMaj(1, 1);
        new FloatBackend(KernelThreads.single()).multAddBiasAndActivate(x, w, random(1, 20, 3), Activation.RELU,
                new FMatrixRMaj(8, 20), out);
        for (int j = 0; j < 20; j++) {
            assertEquals(Float.NaN, out.data[20 + j], 0f);
        }
    }
}
