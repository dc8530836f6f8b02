package org.defrost.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Runs in a JVM started without {@code --add-modules jdk.incubator.vector} (a separate surefire execution). */
class WithoutVectorModuleTest {
    @Test
    void fallsBackToPlainJavaAndComputesProducts() {
        assertFalse(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "this test must run without the incubator module");
        assertEquals("plain", FloatGemm.implementation());
        assertEquals(FloatElementOps.class, ElementOps.FLOAT.getClass());
        FMatrixRMaj a = new FMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6);
        FMatrixRMaj b = new FMatrixRMaj(3, 2, true, 1, 0, 0, 1, 1, 1);
        FMatrixRMaj c = new FMatrixRMaj(1, 1);
        try (KernelThreads threads = KernelThreads.of(2)) {
            FloatGemm.mult(a, b, c, false, threads);
        }
        assertArrayEquals(new float[] {4, 5, 10, 11}, c.data);
    }

    @Test
    void refusesToForceTheVectorKernel() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FloatGemm.select("vector"));
        assertEquals("defrost.kernels=vector needs the JVM option --add-modules jdk.incubator.vector",
                e.getMessage());
    }
}
