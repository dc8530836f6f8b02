/**
 * Matrix products for training on EJML's row-major matrices: {@link org.defrost.kernels.FloatGemm}
 * (float32, on the Vector API when the {@code jdk.incubator.vector} module is present, else plain Java),
 * {@link org.defrost.kernels.DoubleGemm} (float64 reference products) and
 * {@link org.defrost.kernels.KernelThreads} (the worker threads one network's products run on).
 */
package org.defrost.kernels;
