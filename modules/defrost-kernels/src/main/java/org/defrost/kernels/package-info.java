/**
 * Matrix products and the threads they run on, on row-major arrays: {@link org.defrost.kernels.FloatGemm}
 * (float32 products for training), {@link org.defrost.kernels.DoubleGemm} (float64 reference products in plain
 * loops), {@link org.defrost.kernels.DoubleProducts} (fast float64 cross-products and Gram matrices for the
 * similarity measures), the image operations of convolutional networks ({@link org.defrost.kernels.ImagePatches}
 * for products read straight from the images, {@link org.defrost.kernels.ImageLowering},
 * {@link org.defrost.kernels.ImagePooling}, {@link org.defrost.kernels.BatchNormalisation}, written once for both
 * precisions through {@link org.defrost.kernels.ElementOps}) and {@link org.defrost.kernels.KernelThreads} (a thread budget, the only way library
 * code computes on more than one thread). The Vector API kernels run when the {@code jdk.incubator.vector}
 * module is present, plain Java otherwise.
 */
package org.defrost.kernels;
