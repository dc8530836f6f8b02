package org.defrost.kernels;

/** The Vector API float32 kernel against the oracle (the test JVM runs with the incubator module). */
class VectorFloatKernelTest extends FloatKernelContract {
    @Override
    FloatKernel kernel() {
        return new VectorFloatKernel();
    }
}
