package org.defrost.kernels;

/** The plain-Java float32 kernel against the oracle. */
class PlainFloatKernelTest extends FloatKernelContract {
    @Override
    FloatKernel kernel() {
        return new PlainFloatKernel();
    }
}
