package org.defrost.similarity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.defrost.kernels.KernelThreads;
import org.defrost.similarity.cka.LinearCka;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class RepresentationTest {
    private static final KernelThreads ONE = KernelThreads.single();

    @Test
    void columnsAreCentred() {
        Representation r = Representation.of("A", new double[] {1, 10, 3, 20, 5, 60}, 3, 2, ONE);
        assertArrayEquals(new double[] {-2, -20, 0, -10, 2, 30}, r.centred(), 1e-14);
        assertEquals(3, r.rows());
        assertEquals(2, r.cols());
    }

    @Test
    void theCentredCopyIsMadeOnFirstUseAndThenHeldInsteadOfTheValues() {
        double[] values = {1, 10, 3, 20, 5, 60};
        Representation r = Representation.of("A", values, 3, 2, ONE);
        Representation.Centring before = r.centring();
        assertSame(values, before.values());
        assertArrayEquals(new double[] {3, 30}, before.mean(), 0.0);
        double[] centred = r.centred();
        assertSame(centred, r.centred());
        assertSame(centred, r.centring().values());
        assertNull(r.centring().mean());
        assertArrayEquals(new double[] {1, 10, 3, 20, 5, 60}, values, 0.0);
    }

    @Test
    void crossProductsAndLinearCkaDoNotDependOnWhetherTheCentredCopyWasMade() {
        int n = 700;
        double[] a = new double[n * 9];
        double[] b = new double[n * 14];
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int i = 0; i < a.length; i++) {
            a[i] = 3 + random.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = -2 + random.nextGaussian() + a[(i / 14) * 9 + i % 9];
        }
        Representation fa = Representation.of("A", a, n, 9, ONE);
        Representation fb = Representation.of("B", b, n, 14, ONE);
        Representation ca = Representation.of("A", a, n, 9, ONE);
        Representation cb = Representation.of("B", b, n, 14, ONE);
        ca.centred();
        cb.centred();
        assertArrayEquals(RepresentationPair.of(ca, cb).crossProduct(), RepresentationPair.of(fa, fb).crossProduct(),
                0.0);
        LinearCka cka = new LinearCka();
        assertEquals(cka.compute(ca, cb).value(), cka.compute(Representation.of("A", a, n, 9, ONE),
                Representation.of("B", b, n, 14, ONE)).value(), 0.0);
    }

    @Test
    void manyRowsAreCentredLikeFewRows() {
        int rows = 3000;
        double[] values = new double[rows * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 3) * 100 + (i / 3) % 7;
        }
        double[] centred = Representation.of("A", values, rows, 3, ONE).centred();
        for (int c = 0; c < 3; c++) {
            double mean = 0;
            for (int r = 0; r < rows; r++) {
                mean += values[r * 3 + c];
            }
            mean /= rows;
            for (int r = 0; r < rows; r++) {
                assertEquals(values[r * 3 + c] - mean, centred[r * 3 + c], 1e-12);
            }
        }
    }

    @Test
    void theFirstNonFiniteValueInRowOrderIsReported() {
        double[] values = new double[4000];
        values[3999] = Double.NaN;
        values[2501] = Double.POSITIVE_INFINITY;
        InvalidSimilarityInputException e = assertThrows(InvalidSimilarityInputException.class,
                () -> Representation.of("S layer 2", values, 1000, 4, ONE));
        assertEquals("S layer 2 contains Infinity at row 625, column 1; all values must be finite", e.getMessage());
    }

    @Test
    void floatMatricesAreWidened() {
        FMatrixRMaj m = new FMatrixRMaj(new float[][] {{1.5f}, {2.5f}});
        assertArrayEquals(new double[] {-0.5, 0.5}, Representation.of("A", m, ONE).centred(), 0.0);
    }

    @Test
    void aShapeThatDoesNotMatchTheValuesIsRejected() {
        InvalidSimilarityInputException e = assertThrows(InvalidSimilarityInputException.class,
                () -> Representation.of("A", new double[5], 2, 3, ONE));
        assertEquals("A: shape 2 × 3 does not match 5 values", e.getMessage());
    }
}
