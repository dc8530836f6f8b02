package org.defrost.onnx;

import java.util.ArrayList;
import java.util.List;
import org.defrost.nn.Activation;
import org.defrost.nn.conv.ImageShape;
import org.defrost.nn.conv.LayerSpec;
import org.defrost.onnx.proto.OnnxProto.NodeProto;
import org.defrost.onnx.proto.OnnxProto.TensorProto;
import org.defrost.onnx.proto.OnnxProto.TensorShapeProto;
import org.defrost.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * Maps a chain of ONNX nodes onto defrost's blocks. A dense block is an affine node ({@code Gemm}, or
 * {@code MatMul} optionally followed by a bias {@code Add}), an optional {@code BatchNormalization} and at most one
 * activation; a conv block is a {@code Conv}, an optional {@code BatchNormalization}, at most one activation and
 * at most one pooling node ({@code MaxPool}, {@code AveragePool}, {@code GlobalAveragePool}). A block ends where
 * the next affine or Conv node starts one; the last block is the readout. {@code Flatten}, {@code Reshape} to
 * 2-D, a zero {@code Pad}, {@code Dropout} and {@code Identity} carry no parameters and are attached to the block
 * they precede. A chain without Conv and BatchNormalization is a fully connected network of layers.
 */
final class ChainMapper {
    /** The operators this mapper accepts, for error messages and the documentation. */
    static final String SUPPORTED = "Gemm, MatMul, Add (the bias after a MatMul), Relu, Tanh, Sigmoid,"
            + " Div by sqrt(2) or Mul by 1/sqrt(2) then Erf (erf activation), Flatten, Reshape to 2-D,"
            + " Dropout, Identity, Conv, BatchNormalization, MaxPool, AveragePool, GlobalAveragePool, Pad by zeros";
    private static final double SQRT2 = Math.sqrt(2.0);

    /**
     * A block (a layer, for a fully connected network) as read.
     *
     * @param in         rows of the weight: the input width of a dense block, k·k·Cin for a conv block
     * @param out        columns of the weight: units or filters
     * @param weight     {@code in × out} row-major; a dense block reading a flattened image has its rows in the
     *                   ONNX (C, H, W) order of that image, see {@code flattened}; a conv weight's rows are in
     *                   defrost's (ky, kx, c) order
     * @param bias       {@code out} values, or null when the file has none
     * @param activation the activation after the block ({@link Activation#LINEAR} when none)
     * @param nodes      the nodes, as {@code node 'name' (OpType)}, in graph order
     * @param conv       the convolution (its bias flag as in the file), null for a dense block
     * @param norm       the batch normalisation, or null
     * @param pool       the pooling ending a conv block, or null
     * @param flattened  for a dense block reading a flattened image, the image's shape; otherwise null
     */
    record Layer(int in, int out, float[] weight, float[] bias, Activation activation, List<String> nodes,
                 LayerSpec.Conv conv, ConvNodes.Norm norm, LayerSpec pool, ImageShape flattened) {
    }

    private final OnnxChain chain;
    private final List<Layer> done = new ArrayList<>();
    private final List<String> pendingNodes = new ArrayList<>();
    private final List<Long> inputShape = new ArrayList<>();
    /** Current tensor: its rank, its feature width (product of the non-batch dims, -1 if not yet known), its
     *  image shape when it is a known rank-4 image, and the image a Flatten just turned into features. */
    private int rank;
    private long width;
    private ImageShape image;
    private ImageShape inputImage;
    private ImageShape flattened;
    /** The block under construction, weight null before the first one. */
    private final List<String> blockNodes = new ArrayList<>();
    private int in;
    private int out;
    private float[] weight;
    private float[] bias;
    private LayerSpec.Conv conv;
    private ConvNodes.Norm norm;
    private LayerSpec pool;
    private ImageShape blockFlattened;
    private Activation activation;
    private NodeProto activationNode;
    private boolean matMulWithoutBias;
    private NodeProto erfScale;

    private ChainMapper(OnnxChain chain) {
        this.chain = chain;
    }

    /** Maps {@code chain}; the result has at least one block and ends with a dense, affine readout. */
    static ChainMapper map(OnnxChain chain) throws OnnxImportException {
        ChainMapper m = new ChainMapper(chain);
        m.readInput(chain.input());
        for (NodeProto n : chain.nodes()) {
            m.accept(n);
        }
        m.finish();
        return m;
    }

    /** The blocks (layers), 1..L+1. */
    List<Layer> layers() {
        return done;
    }

    /** Whether the chain has convolutions or batch normalisation, so only a block network can hold it. */
    boolean blocks() {
        return done.stream().anyMatch(l -> l.conv() != null || l.norm() != null);
    }

    /** The input's image shape when the input has rank 4 ({@code [batch, C, H, W]}), else null. */
    ImageShape inputImage() {
        return inputImage;
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
                    + " axis followed by feature axes, [batch, features], [batch, channels, height, width] or"
                    + " [batch, d1, d2, ...] then Flatten");
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
                        + " and rank " + rank + ", so the " + (rank == 4 ? "image shape" : "flattened feature width")
                        + " cannot be fixed; export the model with only the batch axis (axis 0) dynamic");
            }
            width = -1; // fixed by the first layer's weight
        }
        if (rank == 4) {
            image = new ImageShape(inputShape.get(1).intValue(), inputShape.get(2).intValue(),
                    inputShape.get(3).intValue());
            inputImage = image;
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
            case "Conv" -> convolution(n);
            case "BatchNormalization" -> batchNorm(n);
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
            case "MaxPool", "AveragePool", "GlobalAveragePool" -> pool(n);
            case "Flatten" -> flatten(n);
            case "Reshape" -> reshape(n);
            case "Pad" -> {
                ConvNodes.zeroPad(n, chain);
                pendingNodes.add(label);
            }
            case "Dropout", "Identity" -> pendingNodes.add(label);
            default -> throw unsupported(n);
        }
    }

    private void gemm(NodeProto n) throws OnnxImportException {
        if (n.getInputCount() < 2 || n.getInput(0).isEmpty() || chain.constant(n.getInput(0)) != null) {
            throw new OnnxImportException(OnnxChain.label(n) + ": defrost needs the data as input A and the weight"
                    + " as the constant input B");
        }
        if (ConvNodes.intAttr(n, "transA", 0) != 0) {
            throw new OnnxImportException(OnnxChain.label(n) + " has transA=1; defrost supports Gemm with"
                    + " transA=0 (rows of the batch are samples)");
        }
        boolean transB = ConvNodes.intAttr(n, "transB", 0) != 0;
        float alpha = ConvNodes.floatAttr(n, "alpha", 1f);
        float beta = ConvNodes.floatAttr(n, "beta", 1f);
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
        startDense(n, inW, outW, w);
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
        startDense(n, (int) b.getDims(0), (int) b.getDims(1), Tensors.floats(b, OnnxChain.label(n)));
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
        joinBlock(n);
    }

    private void convolution(NodeProto n) throws OnnxImportException {
        if (rank != 4 || image == null) {
            throw new OnnxImportException(OnnxChain.label(n) + " receives a rank-" + rank + " tensor; defrost's"
                    + " convolutions take images [batch, channels, height, width] (2-D convolutions only)");
        }
        ConvNodes.Conv c = ConvNodes.conv(n, chain, image);
        startBlock(n);
        conv = c.spec();
        in = c.spec().kernel() * c.spec().kernel() * image.channels();
        out = c.spec().filters();
        weight = c.weight();
        bias = c.bias();
        image = c.spec().output(image);
        width = image.size();
    }

    private void batchNorm(NodeProto n) throws OnnxImportException {
        if (weight == null || norm != null || activation != null || pool != null || conv != null && image == null) {
            throw new OnnxImportException(OnnxChain.label(n) + " is not right after a Conv, Gemm or MatMul (with its"
                    + " bias Add); defrost's blocks are Conv [BatchNormalization] activation [pooling] and"
                    + " Gemm [BatchNormalization] activation");
        }
        norm = ConvNodes.batchNorm(n, chain, conv != null ? image.channels() : out);
        joinBlock(n);
    }

    private void activation(NodeProto n, Activation a) throws OnnxImportException {
        if (weight == null || activation != null) {
            throw new OnnxImportException(OnnxChain.label(n) + " is not right after a layer (Gemm, MatMul with its"
                    + " bias Add, or Conv, each with an optional BatchNormalization); defrost applies one"
                    + " activation after each hidden layer and none elsewhere");
        }
        if (pool != null && !(pool instanceof LayerSpec.Pool p && p.max())) {
            throw new OnnxImportException(OnnxChain.label(n) + " follows the average pooling of its block;"
                    + " defrost applies the activation before pooling, which only max pooling commutes with");
        }
        activation = a;
        activationNode = n;
        joinBlock(n);
    }

    private void pool(NodeProto n) throws OnnxImportException {
        if (conv == null || pool != null || image == null) {
            throw new OnnxImportException(OnnxChain.label(n) + " does not end a conv block; defrost pools once per"
                    + " block, after Conv [BatchNormalization] activation");
        }
        pool = ConvNodes.pool(n, image);
        image = pool.output(image);
        width = image.size();
        joinBlock(n);
    }

    private void erfScale(NodeProto n) throws OnnxImportException {
        String other = n.getInputCount() == 2 ? n.getInput(1) : "";
        TensorProto c = other.isEmpty() ? null : chain.constant(other);
        double expected = n.getOpType().equals("Div") ? SQRT2 : 1 / SQRT2;
        if (c != null && Tensors.size(c) == 1 && c.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
            float v = Tensors.floats(c, OnnxChain.label(n))[0];
            if (Math.abs(v - expected) <= 1e-6) {
                erfScale = n;
                joinBlock(n);
                return;
            }
        }
        throw new OnnxImportException(OnnxChain.label(n) + " is supported only as the z/sqrt(2) of erf(z/sqrt(2)),"
                + " defrost's erf activation: a " + n.getOpType() + " by the constant " + (float) expected
                + " followed by Erf. Supported: " + SUPPORTED);
    }

    private void flatten(NodeProto n) throws OnnxImportException {
        long axis = ConvNodes.intAttr(n, "axis", 1);
        if (axis < 0) {
            axis += rank;
        }
        if (axis != 1) {
            throw new OnnxImportException(OnnxChain.label(n) + " flattens at axis " + ConvNodes.intAttr(n, "axis", 1)
                    + "; defrost supports Flatten with axis=1, which keeps the batch axis");
        }
        toFeatures();
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
        boolean batchKept = shape.length == 2 && (shape[0] == 0 && ConvNodes.intAttr(n, "allowzero", 0) == 0
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
        toFeatures();
        pendingNodes.add(OnnxChain.label(n));
    }

    /** The current tensor becomes {@code [batch, features]}; an image is remembered for the next dense block. */
    private void toFeatures() {
        if (image != null) {
            flattened = image;
            image = null;
        }
        rank = 2;
    }

    private void startDense(NodeProto n, int inW, int outW, float[] w) throws OnnxImportException {
        if (rank != 2) {
            throw new OnnxImportException(OnnxChain.label(n) + " receives a rank-" + rank + " tensor; defrost's"
                    + " layers take [batch, features]: add a Flatten (axis=1) before it");
        }
        if (width >= 0 && inW != width) {
            throw new OnnxImportException(OnnxChain.label(n) + " takes " + inW + " features but receives " + width);
        }
        startBlock(n);
        in = inW;
        out = outW;
        weight = w;
        blockFlattened = flattened;
        flattened = null;
        width = outW;
    }

    /** Closes the block under construction, if any, and starts one at {@code n} with the pending nodes. */
    private void startBlock(NodeProto n) {
        if (weight != null) {
            closeBlock();
        }
        joinBlock(n);
    }

    /** Adds the pending nodes and then {@code n} to the block under construction. */
    private void joinBlock(NodeProto n) {
        blockNodes.addAll(pendingNodes);
        pendingNodes.clear();
        blockNodes.add(OnnxChain.label(n));
    }

    private void closeBlock() {
        done.add(new Layer(in, out, weight, bias, activation == null ? Activation.LINEAR : activation,
                new ArrayList<>(blockNodes), conv, norm, pool, blockFlattened));
        blockNodes.clear();
        weight = null;
        bias = null;
        conv = null;
        norm = null;
        pool = null;
        blockFlattened = null;
        activation = null;
        activationNode = null;
        matMulWithoutBias = false;
    }

    private void finish() throws OnnxImportException {
        if (erfScale != null) {
            throw new OnnxImportException(OnnxChain.label(erfScale) + " ends the graph; it is supported only as"
                    + " the z/sqrt(2) of erf(z/sqrt(2))");
        }
        if (weight == null) {
            throw new OnnxImportException("the graph has no layer (Gemm, MatMul or Conv). Supported: " + SUPPORTED);
        }
        if (conv != null) {
            throw new OnnxImportException("the graph ends with the conv block of " + blockNodes.get(0) + "; defrost's"
                    + " readout is a dense layer (Gemm or MatMul, after a Flatten) giving the logits");
        }
        if (activationNode != null) {
            throw new OnnxImportException("the graph ends with the activation " + OnnxChain.label(activationNode)
                    + " after its last layer; defrost's readout is affine (it outputs logits, the head applies the"
                    + " loss): export the model without the final activation");
        }
        if (norm != null) {
            throw new OnnxImportException("the graph ends with a BatchNormalization after its last layer ("
                    + blockNodes + "); defrost's readout is a plain affine layer");
        }
        blockNodes.addAll(pendingNodes);
        pendingNodes.clear();
        closeBlock();
        String unit = blocks() ? "block" : "layer";
        Activation hidden = done.size() > 1 ? done.get(0).activation() : Activation.LINEAR;
        for (int k = 1; k < done.size() - 1; k++) {
            if (done.get(k).activation() != hidden) {
                throw new OnnxImportException(unit + " " + (k + 1) + " (" + done.get(k).nodes() + ") has activation "
                        + done.get(k).activation().id() + " but " + unit + " 1 has " + hidden.id() + "; a defrost"
                        + " network applies one activation to every hidden " + unit);
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
}
