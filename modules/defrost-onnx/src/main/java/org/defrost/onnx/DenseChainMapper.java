package org.defrost.onnx;

import java.util.ArrayList;
import java.util.List;
import org.defrost.nn.Activation;
import org.defrost.onnx.proto.OnnxProto.AttributeProto;
import org.defrost.onnx.proto.OnnxProto.NodeProto;
import org.defrost.onnx.proto.OnnxProto.TensorProto;
import org.defrost.onnx.proto.OnnxProto.TensorShapeProto;
import org.defrost.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * Maps a chain of ONNX nodes onto fully connected layers: each layer is an affine node ({@code Gemm}, or
 * {@code MatMul} optionally followed by a bias {@code Add}) and then at most one activation; {@code Flatten},
 * {@code Reshape} to 2-D, {@code Dropout} and {@code Identity} carry no parameters and are attached to the
 * layer they precede. Operators for other block kinds (convolutions, pooling) are added as further cases of
 * {@link #accept}, each appending to the block under construction.
 */
final class DenseChainMapper {
    /** The operators this mapper accepts, for error messages and the documentation. */
    static final String SUPPORTED = "Gemm, MatMul, Add (the bias after a MatMul), Relu, Tanh, Sigmoid,"
            + " Div by sqrt(2) or Mul by 1/sqrt(2) then Erf (erf activation), Flatten, Reshape to 2-D,"
            + " Dropout, Identity";
    private static final double SQRT2 = Math.sqrt(2.0);

    /** A layer as read: weight {@code in × out} row-major (defrost's layout), bias {@code out} or null. */
    record Layer(int in, int out, float[] weight, float[] bias, Activation activation, List<String> nodes) {
    }

    private final OnnxChain chain;
    private final List<Layer> done = new ArrayList<>();
    private final List<String> pendingNodes = new ArrayList<>();
    private final List<Long> inputShape = new ArrayList<>();
    /** Current tensor: its rank and its feature width (product of the non-batch dims), -1 if not yet known. */
    private int rank;
    private long width;
    /** The layer under construction, null between an activation and the next affine node. */
    private int in;
    private int out;
    private float[] weight;
    private float[] bias;
    private boolean matMulWithoutBias;
    private NodeProto erfScale;

    private DenseChainMapper(OnnxChain chain) {
        this.chain = chain;
    }

    /** Maps {@code chain}; the result has at least one layer and ends with a linear readout. */
    static DenseChainMapper map(OnnxChain chain) throws OnnxImportException {
        DenseChainMapper m = new DenseChainMapper(chain);
        m.readInput(chain.input());
        for (NodeProto n : chain.nodes()) {
            m.accept(n);
        }
        m.finish();
        return m;
    }

    /** The layers, 1..L+1. */
    List<Layer> layers() {
        return done;
    }

    /** The input's declared shape, -1 for a dynamic dimension. */
    List<Long> inputShape() {
        return inputShape;
    }

    private void readInput(ValueInfoProto input) throws OnnxImportException {
        String name = input.getName();
        if (input.getType().hasTensorType()) {
            int elem = input.getType().getTensorType().getElemType();
            if (elem != TensorProto.DataType.FLOAT_VALUE) {
                throw new OnnxImportException("input '" + name + "' has element type "
                        + TensorProto.DataType.forNumber(elem) + "; defrost imports float32 (FLOAT) inputs only");
            }
        }
        if (!input.getType().getTensorType().hasShape()) {
            rank = 2;
            width = -1;
            inputShape.add(-1L);
            inputShape.add(-1L);
            return;
        }
        List<TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape().getDimList();
        rank = dims.size();
        if (rank < 2) {
            throw new OnnxImportException("input '" + name + "' has rank " + rank + "; defrost needs a batch"
                    + " axis followed by feature axes, [batch, features] or [batch, d1, d2, ...] then Flatten");
        }
        width = 1;
        String dynamic = null;
        for (int i = 0; i < rank; i++) {
            TensorShapeProto.Dimension d = dims.get(i);
            boolean known = d.hasDimValue() && d.getDimValue() > 0;
            inputShape.add(known ? d.getDimValue() : -1L);
            if (i > 0) {
                if (known) {
                    width *= d.getDimValue();
                } else if (dynamic == null) {
                    dynamic = "axis " + i + (d.hasDimParam() ? " ('" + d.getDimParam() + "')" : "");
                }
            }
        }
        if (dynamic != null) {
            if (rank > 2) {
                throw new OnnxImportException("input '" + name + "' has a dynamic dimension at " + dynamic
                        + " and rank " + rank + ", so the flattened feature width cannot be fixed; export the"
                        + " model with only the batch axis (axis 0) dynamic");
            }
            width = -1; // fixed by the first layer's weight
        }
    }

    private void accept(NodeProto n) throws OnnxImportException {
        String label = OnnxChain.label(n);
        if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
            throw unsupported(n);
        }
        if (erfScale != null && !n.getOpType().equals("Erf")) {
            throw new OnnxImportException(OnnxChain.label(erfScale) + " is supported only as the z/sqrt(2) of"
                    + " erf(z/sqrt(2)), defrost's erf activation, but it is followed by " + label);
        }
        switch (n.getOpType()) {
            case "Gemm" -> gemm(n);
            case "MatMul" -> matMul(n);
            case "Add" -> add(n);
            case "Relu" -> activation(n, Activation.RELU);
            case "Tanh" -> activation(n, Activation.TANH);
            case "Sigmoid" -> activation(n, Activation.SIGMOID);
            case "Div", "Mul" -> erfScale(n);
            case "Erf" -> {
                if (erfScale == null) {
                    throw new OnnxImportException(label + ": defrost's erf activation is erf(z/sqrt(2)); expected"
                            + " a Div by sqrt(2) (or Mul by 1/sqrt(2)) right before it. Supported: " + SUPPORTED);
                }
                erfScale = null;
                activation(n, Activation.ERF);
            }
            case "Flatten" -> flatten(n);
            case "Reshape" -> reshape(n);
            case "Dropout", "Identity" -> pendingNodes.add(label);
            default -> throw unsupported(n);
        }
    }

    private void gemm(NodeProto n) throws OnnxImportException {
        if (n.getInputCount() < 2 || n.getInput(0).isEmpty() || chain.constant(n.getInput(0)) != null) {
            throw new OnnxImportException(OnnxChain.label(n) + ": defrost needs the data as input A and the weight"
                    + " as the constant input B");
        }
        if (intAttr(n, "transA", 0) != 0) {
            throw new OnnxImportException(OnnxChain.label(n) + " has transA=1; defrost supports Gemm with"
                    + " transA=0 (rows of the batch are samples)");
        }
        boolean transB = intAttr(n, "transB", 0) != 0;
        float alpha = floatAttr(n, "alpha", 1f);
        float beta = floatAttr(n, "beta", 1f);
        TensorProto b = weightTensor(n, 1);
        int rows = (int) b.getDims(0);
        int cols = (int) b.getDims(1);
        int inW = transB ? cols : rows;
        int outW = transB ? rows : cols;
        float[] v = Tensors.floats(b, OnnxChain.label(n));
        float[] w = new float[inW * outW];
        for (int i = 0; i < inW; i++) {
            for (int j = 0; j < outW; j++) {
                float x = transB ? v[j * cols + i] : v[i * cols + j];
                w[i * outW + j] = alpha == 1f ? x : alpha * x;
            }
        }
        startLayer(n, inW, outW, w);
        if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
            bias = biasValues(n, n.getInput(2), beta);
        }
    }

    private void matMul(NodeProto n) throws OnnxImportException {
        if (n.getInputCount() != 2 || chain.constant(n.getInput(0)) != null) {
            throw new OnnxImportException(OnnxChain.label(n) + ": defrost supports MatMul(data, constant weight)"
                    + " with the weight second, as PyTorch's x @ W");
        }
        TensorProto b = weightTensor(n, 1);
        startLayer(n, (int) b.getDims(0), (int) b.getDims(1), Tensors.floats(b, OnnxChain.label(n)));
        matMulWithoutBias = true;
    }

    private void add(NodeProto n) throws OnnxImportException {
        if (!matMulWithoutBias) {
            throw new OnnxImportException(OnnxChain.label(n) + ": Add is supported only as the bias right after"
                    + " a MatMul. Supported: " + SUPPORTED);
        }
        String other = chain.constant(n.getInput(0)) != null ? n.getInput(0) : n.getInput(1);
        bias = biasValues(n, other, 1f);
        matMulWithoutBias = false;
        pendingNodes.add(OnnxChain.label(n));
    }

    private void activation(NodeProto n, Activation a) throws OnnxImportException {
        if (weight == null) {
            throw new OnnxImportException(OnnxChain.label(n) + " is not right after a layer (Gemm, or MatMul"
                    + " with its bias Add); defrost applies one activation after each hidden layer and none"
                    + " elsewhere");
        }
        pendingNodes.add(OnnxChain.label(n));
        closeLayer(a);
    }

    private void erfScale(NodeProto n) throws OnnxImportException {
        String other = n.getInputCount() == 2 ? n.getInput(1) : "";
        TensorProto c = other.isEmpty() ? null : chain.constant(other);
        double expected = n.getOpType().equals("Div") ? SQRT2 : 1 / SQRT2;
        if (c != null && Tensors.size(c) == 1 && c.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
            float v = Tensors.floats(c, OnnxChain.label(n))[0];
            if (Math.abs(v - expected) <= 1e-6) {
                erfScale = n;
                pendingNodes.add(OnnxChain.label(n));
                return;
            }
        }
        throw new OnnxImportException(OnnxChain.label(n) + " is supported only as the z/sqrt(2) of erf(z/sqrt(2)),"
                + " defrost's erf activation: a " + n.getOpType() + " by the constant " + (float) expected
                + " followed by Erf. Supported: " + SUPPORTED);
    }

    private void flatten(NodeProto n) throws OnnxImportException {
        long axis = intAttr(n, "axis", 1);
        if (axis < 0) {
            axis += rank;
        }
        if (axis != 1) {
            throw new OnnxImportException(OnnxChain.label(n) + " flattens at axis " + intAttr(n, "axis", 1)
                    + "; defrost supports Flatten with axis=1, which keeps the batch axis");
        }
        rank = 2;
        pendingNodes.add(OnnxChain.label(n));
    }

    private void reshape(NodeProto n) throws OnnxImportException {
        TensorProto s = n.getInputCount() == 2 ? chain.constant(n.getInput(1)) : null;
        if (s == null) {
            throw new OnnxImportException(OnnxChain.label(n) + " computes its target shape in the graph; defrost"
                    + " supports Reshape to a constant 2-D shape such as [-1, features] (in PyTorch, use"
                    + " torch.flatten(x, 1) or nn.Flatten rather than x.view(x.size(0), -1))");
        }
        long[] shape = Tensors.longs(s, OnnxChain.label(n));
        boolean batchKept = shape.length == 2 && (shape[0] == 0 && intAttr(n, "allowzero", 0) == 0
                || shape[0] == -1 && shape[1] != -1);
        boolean featuresOk = shape.length == 2 && (shape[1] == -1 || width < 0 || shape[1] == width);
        if (!batchKept || !featuresOk) {
            throw new OnnxImportException(OnnxChain.label(n) + " reshapes to " + java.util.Arrays.toString(shape)
                    + "; defrost supports Reshape to 2-D keeping the batch axis: [0, -1], [0, " + width + "] or [-1, "
                    + width + "]");
        }
        if (width < 0 && shape[1] > 0) {
            width = shape[1];
        }
        rank = 2;
        pendingNodes.add(OnnxChain.label(n));
    }

    private void startLayer(NodeProto n, int inW, int outW, float[] w) throws OnnxImportException {
        if (weight != null) {
            closeLayer(Activation.LINEAR);
        }
        if (rank != 2) {
            throw new OnnxImportException(OnnxChain.label(n) + " receives a rank-" + rank + " tensor; defrost's"
                    + " layers take [batch, features]: add a Flatten (axis=1) before it");
        }
        if (width >= 0 && inW != width) {
            throw new OnnxImportException(OnnxChain.label(n) + " takes " + inW + " features but receives " + width);
        }
        pendingNodes.add(OnnxChain.label(n));
        in = inW;
        out = outW;
        weight = w;
        bias = null;
        width = outW;
    }

    private void closeLayer(Activation a) {
        done.add(new Layer(in, out, weight, bias, a, new ArrayList<>(pendingNodes)));
        pendingNodes.clear();
        weight = null;
        bias = null;
        matMulWithoutBias = false;
    }

    private void finish() throws OnnxImportException {
        if (erfScale != null) {
            throw new OnnxImportException(OnnxChain.label(erfScale) + " ends the graph; it is supported only as"
                    + " the z/sqrt(2) of erf(z/sqrt(2))");
        }
        if (weight != null) {
            closeLayer(Activation.LINEAR);
        } else if (done.isEmpty()) {
            throw new OnnxImportException("the graph has no layer (Gemm or MatMul). Supported: " + SUPPORTED);
        } else {
            Layer last = done.get(done.size() - 1);
            throw new OnnxImportException("the graph ends with the activation " + last.nodes().get(
                    last.nodes().size() - 1) + " after its last layer; defrost's readout is affine (it outputs"
                    + " logits, the head applies the loss): export the model without the final activation");
        }
        Activation hidden = done.size() > 1 ? done.get(0).activation() : Activation.LINEAR;
        for (int k = 1; k < done.size() - 1; k++) {
            if (done.get(k).activation() != hidden) {
                throw new OnnxImportException("layer " + (k + 1) + " (" + done.get(k).nodes() + ") has activation "
                        + done.get(k).activation().id() + " but layer 1 has " + hidden.id() + "; a defrost"
                        + " network applies one activation to every hidden layer");
            }
        }
    }

    private TensorProto weightTensor(NodeProto n, int index) throws OnnxImportException {
        TensorProto b = chain.constant(n.getInput(index));
        if (b == null) {
            throw new OnnxImportException(OnnxChain.label(n) + ": its weight '" + n.getInput(index) + "' is"
                    + " computed in the graph; defrost needs a constant weight (an initializer)");
        }
        if (b.getDimsCount() != 2) {
            throw new OnnxImportException(OnnxChain.label(n) + ": its weight '" + b.getName() + "' has dims "
                    + b.getDimsList() + "; defrost's dense layers need a 2-D weight");
        }
        return b;
    }

    private float[] biasValues(NodeProto n, String name, float scale) throws OnnxImportException {
        TensorProto c = chain.constant(name);
        boolean vector = c != null && (c.getDimsCount() == 1 && c.getDims(0) == out
                || c.getDimsCount() == 2 && c.getDims(0) == 1 && c.getDims(1) == out);
        if (!vector) {
            throw new OnnxImportException(OnnxChain.label(n) + ": its bias '" + name + "' must be a constant of"
                    + " shape [" + out + "] or [1, " + out + "]" + (c == null ? "" : ", got " + c.getDimsList()));
        }
        float[] v = Tensors.floats(c, OnnxChain.label(n));
        if (scale != 1f) {
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        }
        return v;
    }

    private static OnnxImportException unsupported(NodeProto n) {
        String domain = n.getDomain().isEmpty() ? "" : " of domain '" + n.getDomain() + "'";
        return new OnnxImportException(OnnxChain.label(n) + ": operator " + n.getOpType() + domain
                + " is not supported. Supported: " + SUPPORTED);
    }

    private static long intAttr(NodeProto n, String name, long fallback) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getI();
            }
        }
        return fallback;
    }

    private static float floatAttr(NodeProto n, String name, float fallback) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getF();
            }
        }
        return fallback;
    }
}
