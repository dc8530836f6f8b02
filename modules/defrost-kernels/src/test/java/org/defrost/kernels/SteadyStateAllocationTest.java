package org.defrost.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Products on the calling thread reuse their buffers: a training loop does not feed the garbage collector. */
class SteadyStateAllocationTest {
    private static final int CALLS = 200;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "vector"})
    void productsOnTheCallerAllocateNothingOnceBuffersHaveGrown(String implementation) {
        FloatKernel kernel = FloatGemm.select(implementation);
        SplittableRandom random = new SplittableRandom(3);
        FMatrixRMaj x = ProductOracle.random(37, 70, random);
        FMatrixRMaj w = ProductOracle.random(70, 45, random);
        FMatrixRMaj dy = ProductOracle.random(37, 45, random);
        FMatrixRMaj y = new FMatrixRMaj(37, 45);
        FMatrixRMaj dw = new FMatrixRMaj(70, 45);
        FMatrixRMaj dx = new FMatrixRMaj(37, 70);
        KernelThreads t = KernelThreads.single();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        // The Vector API allocates a box per vector until the JIT has compiled the kernel; count afterwards.
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 10; round++) {
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < CALLS; i++) {
                FloatGemm.run(ProductForm.PLAIN, x, w, y, false, t, kernel);
                FloatGemm.run(ProductForm.TRANS_A, x, dy, dw, true, t, kernel);
                FloatGemm.run(ProductForm.TRANS_B, dy, w, dx, false, t, kernel);
            }
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            if (round >= 5) {
                fewest = Math.min(fewest, allocated);
            }
        }
        assertTrue(fewest < 3L * CALLS, fewest + " bytes allocated by " + 3 * CALLS + " products");
    }
}
