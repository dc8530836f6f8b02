package org.defrost.kernels;

import static org.defrost.kernels.VectorMicroKernels.MR;
import static org.defrost.kernels.VectorMicroKernels.NR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Vector API float32 kernel against the oracle (the test JVM runs with the incubator module). */
class VectorFloatKernelTest extends FloatKernelContract {
    @Override
    FloatKernel kernel() {
        return new VectorFloatKernel();
    }

    /**
     * The documented invariant, bit for bit: every element of c is one chain of fused multiply-adds in
     * increasing inner index from its previous value (or zero), whatever the orientation, tile shape or
     * packing; so a change to any of these cannot change a result.
     */
    @ParameterizedTest(name = "{0} {1}x{2} inner {3} accumulate {4}")
    @MethodSource("shapes")
    void everyElementIsOneChainOfFusedMultiplyAddsInIncreasingInnerIndex(ProductForm form, int m, int n, int k,
            boolean accumulate) {
        SplittableRandom random = new SplittableRandom(13L * m + 3L * n + k);
        FMatrixRMaj a = ProductOracle.operandA(form, m, k, random);
        FMatrixRMaj b = ProductOracle.operandB(form, n, k, random);
        FMatrixRMaj c = accumulate ? ProductOracle.random(m, n, random) : new FMatrixRMaj(m, n);
        float[] expected = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = accumulate ? c.data[i * n + j] : 0f;
                for (int p = 0; p < k; p++) {
                    float x = form == ProductForm.TRANS_A ? a.data[p * m + i] : a.data[i * k + p];
                    float y = form == ProductForm.TRANS_B ? b.data[j * k + p] : b.data[p * n + j];
                    sum = Math.fma(x, y, sum);
                }
                expected[i * n + j] = sum;
            }
        }
        FloatGemm.run(form, a, b, c, accumulate, KernelThreads.single(), kernel());
        for (int e = 0; e < m * n; e++) {
            assertEquals(Float.floatToRawIntBits(expected[e]), Float.floatToRawIntBits(c.data[e]), "element " + e);
        }
    }

    @Test
    void splitsTallNarrowProductsByRowsAndWideOnesByPanels() {
        // A lowered image times a filter bank: 100,352 rows, 32 filters. By panels both threads would pack
        // every row; by rows each packs half of them and the small filter panels once per block.
        assertTrue(VectorFloatKernel.splitBySlivers((100_352 + MR - 1) / MR, (32 + NR - 1) / NR, 2, false));
        // A dense layer at batch 128 with 512 outputs: splitting the 128 rows would make each thread pack
        // the whole weight matrix.
        assertFalse(VectorFloatKernel.splitBySlivers((128 + MR - 1) / MR, (512 + NR - 1) / NR, 2, false));
        // The weight gradient of a 500-input layer at batch 64: by fixed ranges of tiles each thread would pack
        // the 400 gradient columns once per block of rows, so the rows are split; when each thread packs all
        // 500 rows once and the panels are taken one at a time, that packs less.
        int slivers = (500 + MR - 1) / MR;
        int panels = (400 + NR - 1) / NR;
        assertTrue(VectorFloatKernel.splitBySlivers(slivers, panels, 2, false));
        assertFalse(VectorFloatKernel.splitBySlivers(slivers, panels, 2, true));
    }
}
