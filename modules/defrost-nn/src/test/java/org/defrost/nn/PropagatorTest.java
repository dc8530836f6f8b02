package org.defrost.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.backend.Backend;
import org.defrost.nn.backend.DoubleBackend;
import org.defrost.nn.backend.FloatBackend;
import org.defrost.spi.Seed;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class PropagatorTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(6, List.of(5, 4, 3), 2);

    /** A double backend that records the names of the product methods called on it. */
    @SuppressWarnings("unchecked")
    private static Backend<DMatrixRMaj> recording(List<String> calls) {
        DoubleBackend real = new DoubleBackend(KernelThreads.single());
        return (Backend<DMatrixRMaj>) Proxy.newProxyInstance(Backend.class.getClassLoader(),
                new Class<?>[] {Backend.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("mult") && !method.getName().startsWith("multiply")) {
                        calls.add(method.getName());
                    }
                    return method.invoke(real, args);
                });
    }

    @Test
    void backwardStopsAtTheLowestTrainableLayer() {
        List<String> calls = new ArrayList<>();
        Backend<DMatrixRMaj> backend = recording(calls);
        LayerParameters<DMatrixRMaj> params = Network.build(SPEC, Seed.of(1)).parameters()
                .convert(new FloatBackend(KernelThreads.single()), backend);
        boolean[] trainable = {false, false, false, true, true};
        Propagator<DMatrixRMaj> p = new Propagator<>(backend, params, 1, trainable, 8);
        p.forward(TestData.gaussianDouble(8, 6, 2));
        assertEquals(Collections.nCopies(4, "multAddBiasAndActivate"), calls, "forward: one product per layer");
        calls.clear();
        p.lossAndGradient(TestData.labels(8, 2, 3));
        p.backward();
        // readout: its weight gradient and the gradient into layer 3; layer 3: its weight gradient only
        assertEquals(List.of("multTransA", "multTransB", "multTransA"), calls);
        assertEquals(3, p.lowestTrainableLayer());
        assertThrows(IllegalArgumentException.class, () -> p.weightGradient(2));
    }

    @Test
    void aFrozenLayerBetweenTrainableOnesPassesTheGradientWithoutComputingItsOwn() {
        List<String> calls = new ArrayList<>();
        Backend<DMatrixRMaj> backend = recording(calls);
        LayerParameters<DMatrixRMaj> params = Network.build(SPEC, Seed.of(1)).parameters()
                .convert(new FloatBackend(KernelThreads.single()), backend);
        boolean[] trainable = {false, false, true, false, true};
        Propagator<DMatrixRMaj> p = new Propagator<>(backend, params, 1, trainable, 8);
        p.forward(TestData.gaussianDouble(8, 6, 2));
        p.lossAndGradient(TestData.labels(8, 2, 3));
        calls.clear();
        p.backward();
        assertEquals(List.of("multTransA", "multTransB", "multTransB", "multTransA"), calls);
    }

    @Test
    void backwardWithoutAFreshLossGradientIsRejected() {
        DoubleBackend d = new DoubleBackend(KernelThreads.single());
        LayerParameters<DMatrixRMaj> params = new LayerParameters<>(SPEC, d);
        boolean[] all = {false, true, true, true, true};
        Propagator<DMatrixRMaj> p = new Propagator<>(d, params, 1, all, 4);
        p.forward(new DMatrixRMaj(4, 6));
        assertThrows(IllegalStateException.class, p::backward);
        assertThrows(IllegalArgumentException.class, () -> p.forward(new DMatrixRMaj(4, 5)));
    }
}
