/**
 * ONNX import and export of defrost's fully connected and block (convolutional) networks.
 *
 * <p>The file format is read and written through classes generated at build time from the ONNX project's own
 * {@code onnx.proto} (package {@code org.defrost.onnx.proto}). {@link org.defrost.onnx.OnnxImport} maps a chain
 * of supported operators onto a {@link org.defrost.nn.Network} or a {@link org.defrost.nn.conv.BlockNetwork} and
 * says which nodes became which layer or block, converting ONNX's NCHW tensors to defrost's NHWC layout;
 * {@link org.defrost.onnx.OnnxExport} writes any network as an opset-13 graph taking NCHW images.
 */
package org.defrost.onnx;
