package org.defrost.nn.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Activation;
import org.defrost.nn.Head;
import org.defrost.nn.TestData;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The float backend's element-wise loops agree with the double backend's (which the gradient checks validate)
 * to float precision, on the same inputs.
 */
class BackendAgreementTest {
    private static final FloatBackend F = new FloatBackend(KernelThreads.single());
    private static final DoubleBackend D = new DoubleBackend(KernelThreads.single());
    private static final int ROWS = 9;
    private static final int COLS = 13;

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationAndItsDerivativeAgree(Activation act) {
        DMatrixRMaj z = scaled(TestData.gaussianDouble(ROWS, COLS, 1), 3);
        DMatrixRMaj bias = TestData.gaussianDouble(1, COLS, 2);
        DMatrixRMaj grad = TestData.gaussianDouble(ROWS, COLS, 3);
        FMatrixRMaj zf = toFloat(z);
        FMatrixRMaj gradF = toFloat(grad);
        DMatrixRMaj zd = toDouble(zf);
        DMatrixRMaj gradD = toDouble(gradF);
        FMatrixRMaj outF = new FMatrixRMaj(ROWS, COLS);
        DMatrixRMaj outD = new DMatrixRMaj(ROWS, COLS);
        F.addBiasAndActivate(zf, toFloat(bias), act, outF);
        D.addBiasAndActivate(zd, toDouble(toFloat(bias)), act, outD);
        assertClose(outD, outF, 2e-7, act + " forward");
        assertClose(zd, zf, 2e-7, act + " pre-activation with bias");
        F.multiplyByActivationDerivative(act, zf, outF, gradF);
        D.multiplyByActivationDerivative(act, zd, outD, gradD);
        assertClose(gradD, gradF, 1e-6, act + " derivative");
    }

    @Test
    void reluDerivativeIsExactlyZeroOrOneAlsoForSubnormalOutputs() {
        float[] outputs = {0f, Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, 1f, 3e38f, Float.POSITIVE_INFINITY};
        FMatrixRMaj post = new FMatrixRMaj(1, outputs.length, true, outputs);
        FMatrixRMaj grad = new FMatrixRMaj(1, outputs.length);
        grad.fill(-2.5f);
        F.multiplyByActivationDerivative(Activation.RELU, post, post, grad);
        assertEquals(0f, Math.abs(grad.data[0]));
        for (int i = 1; i < outputs.length; i++) {
            assertEquals(-2.5f, grad.data[i], "output " + outputs[i]);
        }
        double[] doubleOutputs = {0.0, Double.MIN_VALUE, 1e-300, 1.0, Double.MAX_VALUE};
        DMatrixRMaj dPost = new DMatrixRMaj(1, doubleOutputs.length, true, doubleOutputs);
        DMatrixRMaj dGrad = new DMatrixRMaj(1, doubleOutputs.length);
        dGrad.fill(4.0);
        D.multiplyByActivationDerivative(Activation.RELU, dPost, dPost, dGrad);
        assertEquals(0.0, dGrad.data[0]);
        for (int i = 1; i < doubleOutputs.length; i++) {
            assertEquals(4.0, dGrad.data[i], "output " + doubleOutputs[i]);
        }
    }

    @Test
    void activationInPlaceEqualsActivationIntoAnotherBuffer() {
        for (Activation act : Activation.values()) {
            FMatrixRMaj z1 = toFloat(TestData.gaussianDouble(ROWS, COLS, 4));
            FMatrixRMaj z2 = z1.copy();
            FMatrixRMaj bias = toFloat(TestData.gaussianDouble(1, COLS, 5));
            FMatrixRMaj out = new FMatrixRMaj(ROWS, COLS);
            F.addBiasAndActivate(z1, bias, act, out);
            F.addBiasAndActivate(z2, bias, act, z2);
            assertTrue(java.util.Arrays.equals(out.data, z2.data), act.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Head.class)
    void lossGradientAndErrorsAgree(Head head) {
        int k = head == Head.BINARY_LOGISTIC ? 1 : 4;
        for (int width : new int[] {k, head == Head.MEAN_SQUARED_ERROR ? 1 : k}) {
            FMatrixRMaj outF = toFloat(scaled(TestData.gaussianDouble(ROWS, width, 6), 4));
            DMatrixRMaj outD = toDouble(outF);
            int[] y = TestData.labels(ROWS, head.classCount(width), 7);
            FMatrixRMaj gF = new FMatrixRMaj(ROWS, width);
            DMatrixRMaj gD = new DMatrixRMaj(ROWS, width);
            double lossF = F.loss(head, outF, y, gF);
            double lossD = D.loss(head, outD, y, gD);
            assertEquals(lossD, lossF, 1e-12 * Math.abs(lossD), head + " loss");
            assertEquals(lossD, D.loss(head, outD, y, null), 0, head + " loss without gradient");
            assertClose(gD, gF, 1e-6, head + " gradient");
            assertEquals(D.errors(head, outD, y), F.errors(head, outF, y), head + " errors");
        }
    }

    @Test
    void adamAndAdamWStepsAgree() {
        for (double decoupled : new double[] {0, 0.1}) {
            double l2 = decoupled == 0 ? 0.01 : 0;
            FMatrixRMaj pF = toFloat(TestData.gaussianDouble(ROWS, COLS, 8));
            FMatrixRMaj gF = toFloat(TestData.gaussianDouble(ROWS, COLS, 9));
            FMatrixRMaj mF = toFloat(scaled(TestData.gaussianDouble(ROWS, COLS, 10), 0.1));
            FMatrixRMaj vF = toFloat(abs(TestData.gaussianDouble(ROWS, COLS, 11)));
            DMatrixRMaj pD = toDouble(pF);
            DMatrixRMaj mD = toDouble(mF);
            DMatrixRMaj vD = toDouble(vF);
            F.adamStep(pF, gF, mF, vF, 1e-2, 0.9, 0.999, 1e-8, 1 - 0.9 * 0.9, 1 - 0.999 * 0.999, l2, decoupled);
            D.adamStep(pD, toDouble(gF), mD, vD, 1e-2, 0.9, 0.999, 1e-8, 1 - 0.9 * 0.9, 1 - 0.999 * 0.999, l2,
                    decoupled);
            assertClose(pD, pF, 1e-6, "adam params");
            assertClose(mD, mF, 1e-6, "adam first moment");
            assertClose(vD, vF, 1e-6, "adam second moment");
        }
    }

    @Test
    void sgdStepsAgreeWithAndWithoutMomentum() {
        for (int variant = 0; variant < 3; variant++) {
            FMatrixRMaj pF = toFloat(TestData.gaussianDouble(ROWS, COLS, 12));
            FMatrixRMaj gF = toFloat(TestData.gaussianDouble(ROWS, COLS, 13));
            FMatrixRMaj bF = variant == 0 ? null : toFloat(TestData.gaussianDouble(ROWS, COLS, 14));
            DMatrixRMaj pD = toDouble(pF);
            DMatrixRMaj bD = bF == null ? null : toDouble(bF);
            F.sgdStep(pF, gF, bF, 0.05, 0.9, variant == 2, 0.01);
            D.sgdStep(pD, toDouble(gF), bD, 0.05, 0.9, variant == 2, 0.01);
            assertClose(pD, pF, 1e-6, "sgd params, variant " + variant);
            if (bF != null) {
                assertClose(bD, bF, 1e-6, "sgd velocity, variant " + variant);
            }
        }
    }

    @Test
    void rowSumsAndGatherAgree() {
        FMatrixRMaj gF = toFloat(TestData.gaussianDouble(ROWS, COLS, 15));
        DMatrixRMaj gD = toDouble(gF);
        FMatrixRMaj sF = new FMatrixRMaj(1, 1);
        DMatrixRMaj sD = new DMatrixRMaj(1, 1);
        F.sumRows(gF, sF);
        D.sumRows(gD, sD);
        assertClose(sD, sF, 1e-6, "row sums");
        int[] order = {4, 0, 8, 8, 2};
        FMatrixRMaj rowsF = new FMatrixRMaj(5, COLS);
        F.gatherRows(gF, order, 1, 4, rowsF);
        assertEquals(3, rowsF.numRows);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < COLS; j++) {
                assertEquals(gF.get(order[i + 1], j), rowsF.get(i, j));
            }
        }
    }

    private static DMatrixRMaj scaled(DMatrixRMaj m, double s) {
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] *= s;
        }
        return m;
    }

    private static DMatrixRMaj abs(DMatrixRMaj m) {
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = Math.abs(m.data[i]);
        }
        return m;
    }

    private static FMatrixRMaj toFloat(DMatrixRMaj d) {
        FMatrixRMaj f = new FMatrixRMaj(d.numRows, d.numCols);
        for (int i = 0; i < f.data.length; i++) {
            f.data[i] = (float) d.data[i];
        }
        return f;
    }

    private static DMatrixRMaj toDouble(FMatrixRMaj f) {
        DMatrixRMaj d = new DMatrixRMaj(f.numRows, f.numCols);
        for (int i = 0; i < d.data.length; i++) {
            d.data[i] = f.data[i];
        }
        return d;
    }

    private static void assertClose(DMatrixRMaj expected, FMatrixRMaj actual, double relative, String what) {
        assertEquals(expected.numRows, actual.numRows, what + " rows");
        assertEquals(expected.numCols, actual.numCols, what + " cols");
        for (int i = 0; i < expected.getNumElements(); i++) {
            double e = expected.data[i];
            assertEquals(e, actual.data[i], relative * Math.max(1, Math.abs(e)), what + "[" + i + "]");
        }
    }
}
