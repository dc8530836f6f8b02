package org.defrost.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.backend.FloatBackend;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class NetworkTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(11, List.of(17, 9), 4).withActivation(Activation.TANH);

    @Test
    void activationsListTheInputThenEveryLayerWithOneRowPerSample() {
        Network n = Network.build(SPEC, Seed.of(1));
        FMatrixRMaj x = TestData.gaussian(23, 11, 2);
        List<FMatrixRMaj> a = n.activations(x, KernelThreads.single());
        assertEquals(4, a.size());
        assertArrayEquals(x.data, a.get(0).data);
        int[] widths = {11, 17, 9, 4};
        for (int k = 0; k < 4; k++) {
            assertEquals(23, a.get(k).numRows);
            assertEquals(widths[k], a.get(k).numCols);
        }
        for (float v : a.get(1).data) {
            assertTrue(v > -1 && v < 1, "tanh outputs lie in (-1, 1)");
        }
        // layer 1 by hand: tanh(x W1 + b1), row 5, unit 3
        double z = n.bias(1).get(0, 3);
        for (int j = 0; j < 11; j++) {
            z += (double) x.get(5, j) * n.weight(1).get(j, 3);
        }
        assertEquals(Math.tanh(z), a.get(1).get(5, 3), 1e-5);
    }

    @Test
    void eachOutputRowDependsOnlyOnItsInputRowBitForBit() {
        Network n = Network.build(SPEC.withActivation(Activation.RELU), Seed.of(3));
        FMatrixRMaj x = TestData.gaussian(37, 11, 4);
        FMatrixRMaj all = n.outputs(x, KernelThreads.of(2));
        for (int[] range : new int[][] {{0, 1}, {3, 12}, {8, 37}, {36, 37}}) {
            FMatrixRMaj part = new FMatrixRMaj(1, 1);
            new FloatBackend(KernelThreads.single()).copyRows(x, range[0], range[1], part);
            FMatrixRMaj out = n.outputs(part, KernelThreads.single());
            for (int i = range[0]; i < range[1]; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(all.get(i, j), out.get(i - range[0], j), 0, "row " + i);
                }
            }
        }
    }

    @Test
    void evaluationCountsErrorsAndAveragesTheLossOverBatches() {
        Network n = Network.build(SPEC, Seed.of(5));
        Dataset data = TestData.random(2500, 11, 4, 6);
        Evaluation e = n.evaluate(data, KernelThreads.single());
        FMatrixRMaj out = n.outputs(data.inputs(), KernelThreads.single());
        long errors = 0;
        double loss = 0;
        for (int i = 0; i < data.size(); i++) {
            int best = 0;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int j = 0; j < 4; j++) {
                max = Math.max(max, out.get(i, j));
                if (out.get(i, j) > out.get(i, best)) {
                    best = j;
                }
            }
            for (int j = 0; j < 4; j++) {
                sum += Math.exp(out.get(i, j) - max);
            }
            loss += Math.log(sum) + max - out.get(i, data.labels()[i]);
            errors += best == data.labels()[i] ? 0 : 1;
        }
        assertEquals(errors, e.errors());
        assertEquals(2500, e.size());
        assertEquals(loss / 2500, e.loss(), 1e-9);
        assertEquals(1 - (double) errors / 2500, e.accuracy(), 1e-15);
    }

    @Test
    void copyIsDeepAndKeepsFrozenFlags() {
        Network n = Network.build(SPEC, Seed.of(7));
        n.setFrozen(2, true);
        Network c = n.copy();
        c.weight(1).data[0] += 1;
        assertTrue(c.isFrozen(2));
        assertEquals(n.weight(1).data[0] + 1, c.weight(1).data[0]);
    }

    @Test
    void heNormalWeightsHaveTheExpectedSpread() {
        Network n = Network.build(NetworkSpec.of(400, List.of(300), 2), Seed.of(8));
        float[] w = n.weight(1).data;
        double sumSq = 0;
        for (float v : w) {
            sumSq += v * v;
        }
        assertEquals(2.0 / 400, sumSq / w.length, 0.05 * 2.0 / 400);
    }
}
