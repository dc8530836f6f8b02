package org.defrost.kernels;

import static org.defrost.kernels.VectorMicroKernels.MR;
import static org.defrost.kernels.VectorMicroKernels.NR;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Vector API float32 kernel against the oracle (the test JVM runs with the incubator module). */
class VectorFloatKernelTest extends FloatKernelContract {
    @Override
    FloatKernel kernel() {
        return new VectorFloatKernel();
    }

    @Test
    void splitsTallNarrowProductsByRowsAndWideOnesByPanels() {
        // A lowered image times a filter bank: 100,352 rows, 32 filters. By panels both threads would pack
        // every row; by rows each packs half of them and the small filter panels once per block.
        assertTrue(VectorFloatKernel.splitBySlivers((100_352 + MR - 1) / MR, (32 + NR - 1) / NR, 2));
        // A dense layer at batch 128 with 512 outputs: splitting the 128 rows would make each thread pack
        // the whole weight matrix.
        assertFalse(VectorFloatKernel.splitBySlivers((128 + MR - 1) / MR, (512 + NR - 1) / NR, 2));
    }
}
