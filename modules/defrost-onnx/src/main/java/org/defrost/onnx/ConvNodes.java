package org.defrost.onnx;

import java.util.List;
import org.defrost.nn.conv.ImageShape;
import org.defrost.nn.conv.LayerSpec;
import org.defrost.onnx.proto.OnnxProto.AttributeProto;
import org.defrost.onnx.proto.OnnxProto.NodeProto;
import org.defrost.onnx.proto.OnnxProto.TensorProto;

/**
 * Reads the image operators ({@code Conv}, {@code MaxPool}, {@code AveragePool}, {@code GlobalAveragePool},
 * {@code BatchNormalization}, a zero {@code Pad}) into defrost's layers, converting NCHW tensors to defrost's
 * NHWC layout, and refuses attributes defrost's layers cannot represent, naming the node and the attribute.
 */
final class ConvNodes {
    /** What a Conv node must look like. */
    static final String CONV_FORM = "defrost's convolutions have group 1, dilations 1, a square kernel, the same"
            + " stride on both axes, the same padding on all four sides and auto_pad NOTSET or VALID";
    /** What a pooling node must look like. */
    static final String POOL_FORM = "defrost's pooling has a square window, the same stride on both axes, no"
            + " padding, dilations 1, ceil_mode 0 (or a size where it changes nothing) and auto_pad NOTSET or VALID";

    /** A Conv node read: the layer (bias as in the file), its weight {@code (k·k·Cin) × Cout}, bias or null. */
    record Conv(LayerSpec.Conv spec, float[] weight, float[] bias) {
    }

    /**
     * Batch-norm tensors, each of one value per channel, with the running variance already shifted so that
     * defrost's ε ({@link LayerSpec.BatchNorm#EPSILON}) gives the node's normalisation.
     */
    record Norm(float[] gamma, float[] beta, float[] mean, float[] variance) {
    }

    private ConvNodes() {
    }

    /** Reads Conv node {@code n} applied to an image of shape {@code in}. */
    static Conv conv(NodeProto n, OnnxChain chain, ImageShape in) throws OnnxImportException {
        String label = OnnxChain.label(n);
        if (n.getInputCount() < 2 || chain.constant(n.getInput(0)) != null) {
            throw new OnnxImportException(label + ": defrost needs the data as input X and a constant weight W");
        }
        TensorProto w = chain.constant(n.getInput(1));
        if (w == null || w.getDimsCount() != 4) {
            throw new OnnxImportException(label + ": its weight '" + n.getInput(1) + "' must be a constant of shape"
                    + " [filters, channels, k, k]" + (w == null ? " (it is computed in the graph)" : ", got "
                    + w.getDimsList()));
        }
        int filters = (int) w.getDims(0);
        int channels = (int) w.getDims(1);
        int kh = (int) w.getDims(2);
        int kw = (int) w.getDims(3);
        long group = intAttr(n, "group", 1);
        if (group != 1) {
            throw new OnnxImportException(label + " has group=" + group + "; " + CONV_FORM);
        }
        if (channels != in.channels()) {
            throw new OnnxImportException(label + ": its weight takes " + channels + " input channels but the image"
                    + " has " + in.channels() + " (" + in + ")");
        }
        if (kh != kw) {
            throw new OnnxImportException(label + " has a " + kh + "×" + kw + " kernel; " + CONV_FORM);
        }
        requireInts(n, "kernel_shape", List.of((long) kh, (long) kw), CONV_FORM);
        requireInts(n, "dilations", List.of(1L, 1L), CONV_FORM);
        int stride = stride(n, CONV_FORM);
        int pad = padding(n, CONV_FORM);
        LayerSpec.Conv spec;
        try {
            spec = new LayerSpec.Conv(filters, kh, stride, pad, n.getInputCount() > 2 && !n.getInput(2).isEmpty());
            spec.output(in);
        } catch (IllegalArgumentException e) {
            throw new OnnxImportException(label + " on a " + in + " image: " + e.getMessage(), e);
        }
        float[] weight = reorderKernel(Tensors.floats(w, label), filters, channels, kh, true);
        float[] bias = spec.bias() ? vector(n, chain, n.getInput(2), filters, "bias") : null;
        return new Conv(spec, weight, bias);
    }

    /**
     * Converts a conv weight between ONNX's {@code [F, C, k, k]} and defrost's {@code (k·k·C) × F} with rows in
     * (ky, kx, c) order.
     *
     * @param w         not modified
     * @param toDefrost true from ONNX to defrost, false the reverse
     * @return a new array
     */
    static float[] reorderKernel(float[] w, int filters, int channels, int k, boolean toDefrost) {
        float[] out = new float[w.length];
        for (int f = 0; f < filters; f++) {
            for (int c = 0; c < channels; c++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        int onnx = ((f * channels + c) * k + ky) * k + kx;
                        int defrost = ((ky * k + kx) * channels + c) * filters + f;
                        out[toDefrost ? defrost : onnx] = w[toDefrost ? onnx : defrost];
                    }
                }
            }
        }
        return out;
    }

    /** Reads a MaxPool, AveragePool or GlobalAveragePool node applied to an image of shape {@code in}. */
    static LayerSpec pool(NodeProto n, ImageShape in) throws OnnxImportException {
        if (n.getOpType().equals("GlobalAveragePool")) {
            return new LayerSpec.GlobalAveragePool();
        }
        String label = OnnxChain.label(n);
        List<Long> kernel = ints(n, "kernel_shape");
        if (kernel == null || kernel.size() != 2 || !kernel.get(0).equals(kernel.get(1))) {
            throw new OnnxImportException(label + " has kernel_shape " + kernel + "; " + POOL_FORM);
        }
        int size = kernel.get(0).intValue();
        requireInts(n, "dilations", List.of(1L, 1L), POOL_FORM);
        if (intAttr(n, "storage_order", 0) != 0) {
            throw new OnnxImportException(label + " has storage_order=1 (column-major indices); " + POOL_FORM);
        }
        int stride = stride(n, POOL_FORM);
        if (padding(n, POOL_FORM) != 0) {
            throw new OnnxImportException(label + " pads its input; " + POOL_FORM);
        }
        LayerSpec.Pool spec;
        try {
            spec = new LayerSpec.Pool(n.getOpType().equals("MaxPool"), size, stride);
            spec.output(in);
        } catch (IllegalArgumentException e) {
            throw new OnnxImportException(label + " on a " + in + " image: " + e.getMessage(), e);
        }
        boolean exact = (in.height() - size) % stride == 0 && (in.width() - size) % stride == 0;
        if (intAttr(n, "ceil_mode", 0) != 0 && !exact) {
            throw new OnnxImportException(label + " has ceil_mode=1, which on a " + in + " image adds a partial"
                    + " window; " + POOL_FORM);
        }
        return spec;
    }

    /** Reads a BatchNormalization node over {@code channels} channels (units, on a 2-D input). */
    static Norm batchNorm(NodeProto n, OnnxChain chain, int channels) throws OnnxImportException {
        String label = OnnxChain.label(n);
        if (intAttr(n, "training_mode", 0) != 0) {
            throw new OnnxImportException(label + " has training_mode=1; export the model in eval mode");
        }
        if (n.getInputCount() != 5) {
            throw new OnnxImportException(label + " has " + n.getInputCount() + " inputs; expected X, scale, B,"
                    + " input_mean and input_var");
        }
        float[] gamma = vector(n, chain, n.getInput(1), channels, "scale");
        float[] beta = vector(n, chain, n.getInput(2), channels, "B");
        float[] mean = vector(n, chain, n.getInput(3), channels, "input_mean");
        float[] variance = vector(n, chain, n.getInput(4), channels, "input_var");
        float epsilon = floatAttr(n, "epsilon", 1e-5f);
        if (epsilon != (float) LayerSpec.BatchNorm.EPSILON) {
            // var + ε = var' + EPSILON: the same normalisation with defrost's ε
            for (int c = 0; c < channels; c++) {
                variance[c] = (float) (variance[c] + (double) epsilon - LayerSpec.BatchNorm.EPSILON);
                if (!(variance[c] >= 0)) {
                    throw new OnnxImportException(label + " has epsilon=" + epsilon + " and running variance "
                            + (variance[c] - epsilon + LayerSpec.BatchNorm.EPSILON) + " at channel " + c + ", which"
                            + " defrost's epsilon " + LayerSpec.BatchNorm.EPSILON + " cannot reproduce");
                }
            }
        }
        return new Norm(gamma, beta, mean, variance);
    }

    /** Checks that a Pad node adds nothing (all pads zero), which makes it an identity. */
    static void zeroPad(NodeProto n, OnnxChain chain) throws OnnxImportException {
        TensorProto pads = n.getInputCount() > 1 ? chain.constant(n.getInput(1)) : null;
        if (pads != null) {
            for (long p : Tensors.longs(pads, OnnxChain.label(n))) {
                if (p != 0) {
                    pads = null;
                    break;
                }
            }
        }
        if (pads == null) {
            throw new OnnxImportException(OnnxChain.label(n) + ": defrost supports Pad only with constant, all-zero"
                    + " pads (as PyTorch's AvgPool2d exports); pad inside the Conv instead (its pads attribute)");
        }
    }

    /** The constant {@code [size]} tensor {@code name} read by {@code n}. */
    static float[] vector(NodeProto n, OnnxChain chain, String name, int size, String role)
            throws OnnxImportException {
        TensorProto t = chain.constant(name);
        if (t == null || t.getDimsCount() != 1 || t.getDims(0) != size) {
            throw new OnnxImportException(OnnxChain.label(n) + ": its " + role + " '" + name + "' must be a constant of"
                    + " shape [" + size + "]" + (t == null ? "" : ", got " + t.getDimsList()));
        }
        return Tensors.floats(t, OnnxChain.label(n));
    }

    private static int stride(NodeProto n, String form) throws OnnxImportException {
        List<Long> s = ints(n, "strides");
        if (s == null) {
            return 1;
        }
        if (s.size() != 2 || !s.get(0).equals(s.get(1)) || s.get(0) < 1) {
            throw new OnnxImportException(OnnxChain.label(n) + " has strides " + s + "; " + form);
        }
        return s.get(0).intValue();
    }

    private static int padding(NodeProto n, String form) throws OnnxImportException {
        String autoPad = stringAttr(n, "auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
            throw new OnnxImportException(OnnxChain.label(n) + " has auto_pad=" + autoPad + "; " + form);
        }
        List<Long> p = ints(n, "pads");
        if (p == null || autoPad.equals("VALID")) {
            return 0;
        }
        if (p.size() != 4 || p.stream().distinct().count() != 1) {
            throw new OnnxImportException(OnnxChain.label(n) + " has pads " + p + " (begin and end per axis); "
                    + form);
        }
        return p.get(0).intValue();
    }

    private static void requireInts(NodeProto n, String name, List<Long> expected, String form)
            throws OnnxImportException {
        List<Long> v = ints(n, name);
        if (v != null && !v.equals(expected)) {
            throw new OnnxImportException(OnnxChain.label(n) + " has " + name + " " + v + "; " + form);
        }
    }

    /** Integer attribute {@code name} of {@code n}, or {@code fallback} when absent. */
    static long intAttr(NodeProto n, String name, long fallback) {
        AttributeProto a = attribute(n, name);
        return a == null ? fallback : a.getI();
    }

    /** Float attribute {@code name} of {@code n}, or {@code fallback} when absent. */
    static float floatAttr(NodeProto n, String name, float fallback) {
        AttributeProto a = attribute(n, name);
        return a == null ? fallback : a.getF();
    }

    private static String stringAttr(NodeProto n, String name, String fallback) {
        AttributeProto a = attribute(n, name);
        return a == null ? fallback : a.getS().toStringUtf8();
    }

    private static List<Long> ints(NodeProto n, String name) {
        AttributeProto a = attribute(n, name);
        return a == null ? null : a.getIntsList();
    }

    private static AttributeProto attribute(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }
}
