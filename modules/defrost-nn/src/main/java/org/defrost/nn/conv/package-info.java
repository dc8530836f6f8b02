/**
 * Block networks: convolutional and dense blocks on NHWC images, with convolution, pooling, global average
 * pooling and batch normalisation, trained with the dense core's optimisers and losses. Transfer depth counts
 * blocks. Layers run in float on the Vector API kernels ({@link org.defrost.kernels.ImageLowering} lowers
 * convolutions to {@link org.defrost.kernels.FloatGemm} products) and, for gradient checks, in double.
 */
package org.defrost.nn.conv;
