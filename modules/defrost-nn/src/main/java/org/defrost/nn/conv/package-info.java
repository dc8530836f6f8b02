/**
 * Block networks: convolutional and dense blocks on NHWC images, with convolution, pooling, global average
 * pooling and batch normalisation, trained with the dense core's optimisers and losses. Transfer depth counts
 * blocks. Layers run in float on the Vector API kernels (convolutions are {@link org.defrost.kernels.FloatGemm}
 * products that read the images in place, {@link org.defrost.kernels.ImagePatches}) and, for gradient checks, in
 * double (explicitly lowered, {@link org.defrost.kernels.ImageLowering}).
 */
package org.defrost.nn.conv;
