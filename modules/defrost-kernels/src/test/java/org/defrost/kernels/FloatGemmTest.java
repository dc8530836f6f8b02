package org.defrost.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class FloatGemmTest {
    private final KernelThreads t = KernelThreads.single();

    @Test
    void usesTheVectorKernelWhenTheIncubatorModuleIsPresent() {
        assertEquals("vector", FloatGemm.implementation());
    }

    @Test
    void propertyForcesAnImplementationAndRejectsUnknownValues() {
        assertEquals("plain", FloatGemm.select("plain").name());
        assertEquals("vector", FloatGemm.select("vector").name());
        assertEquals("vector", FloatGemm.select(null).name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FloatGemm.select("fast"));
        assertTrue(e.getMessage().contains("defrost.kernels"), e.getMessage());
    }

    @Test
    void computesTheThreeFormsOnASmallExample() {
        FMatrixRMaj a = new FMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6);
        FMatrixRMaj b = new FMatrixRMaj(3, 2, true, 1, 0, 0, 1, 1, 1);
        FMatrixRMaj c = new FMatrixRMaj(1, 1);
        FloatGemm.mult(a, b, c, false, t);
        assertArrayEquals(new float[] {4, 5, 10, 11}, c.data);
        FloatGemm.multTransA(a, a, c, false, t);
        assertArrayEquals(new float[] {17, 22, 27, 22, 29, 36, 27, 36, 45}, c.data);
        FMatrixRMaj d = new FMatrixRMaj(2, 2, true, 1, 1, 1, 1);
        FloatGemm.multTransB(a, a, d, true, t);
        assertArrayEquals(new float[] {15, 33, 33, 78}, d.data);
    }

    @Test
    void emptyInnerDimensionGivesZerosOrLeavesTheOutputUnchanged() {
        FMatrixRMaj a = new FMatrixRMaj(2, 0);
        FMatrixRMaj b = new FMatrixRMaj(0, 3);
        FMatrixRMaj c = new FMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6);
        FloatGemm.mult(a, b, c, true, t);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, c.data);
        FloatGemm.mult(a, b, c, false, t);
        assertArrayEquals(new float[6], c.data);
    }

    @Test
    void rejectsNonConformingOperandsWithTheShapesInTheMessage() {
        FMatrixRMaj a = new FMatrixRMaj(2, 3);
        FMatrixRMaj b = new FMatrixRMaj(4, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FloatGemm.mult(a, b, new FMatrixRMaj(1, 1), false, t));
        assertTrue(e.getMessage().contains("2×3") && e.getMessage().contains("4×2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FloatGemm.multTransA(a, b, new FMatrixRMaj(1, 1), false, t));
        assertThrows(IllegalArgumentException.class, () -> FloatGemm.multTransB(a, b, new FMatrixRMaj(1, 1), false, t));
    }

    @Test
    void rejectsAnAccumulatorOfTheWrongShape() {
        FMatrixRMaj a = new FMatrixRMaj(2, 3);
        FMatrixRMaj b = new FMatrixRMaj(3, 4);
        assertThrows(IllegalArgumentException.class, () -> FloatGemm.mult(a, b, new FMatrixRMaj(4, 2), true, t));
    }

    @Test
    void rejectsAnOutputThatIsAlsoAnOperand() {
        FMatrixRMaj a = new FMatrixRMaj(3, 3);
        assertThrows(IllegalArgumentException.class, () -> FloatGemm.mult(a, a.copy(), a, false, t));
        assertThrows(IllegalArgumentException.class, () -> FloatGemm.multTransB(a.copy(), a, a, true, t));
    }
}
