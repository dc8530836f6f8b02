package org.defrost.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.defrost.nn.Network;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.io.BlockNetworkIo;
import org.defrost.nn.io.NetworkIo;
import org.defrost.onnx.MappedBlock;
import org.defrost.onnx.MappedLayer;
import org.defrost.nn.conv.ImageShape;
import org.defrost.onnx.OnnxBlockNetwork;
import org.defrost.onnx.OnnxImport;
import org.defrost.onnx.OnnxModel;
import org.defrost.onnx.OnnxNetwork;

/**
 * A source network given as a file rather than pre-trained: an ONNX model, or a defrost network directory (a
 * {@code network.json} with its tensors, or a run's {@code source-network} output holding one in {@code network/}).
 * Exactly one of {@code dense} and {@code blocks} is set.
 *
 * @param file    the file or directory read
 * @param dense   the fully connected network, with every layer trainable
 * @param blocks  the block (convolutional) network, with every block trainable
 * @param mapping for an ONNX model, which nodes formed each layer ({@code defrost onnx inspect}); else empty
 */
record GivenNetwork(Path file, Network dense, BlockNetwork blocks, List<String> mapping) {

    /**
     * Reads {@code file}.
     *
     * @throws IOException naming the file when it is not an ONNX model defrost imports or not a network directory
     */
    static GivenNetwork read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            Path dir = Files.isRegularFile(file.resolve(NetworkIo.JSON)) ? file : file.resolve("network");
            if (!Files.isRegularFile(dir.resolve(NetworkIo.JSON))) {
                throw new IOException(file + ": not a defrost network directory (no " + NetworkIo.JSON + " in it or in "
                        + "network/); give an ONNX file or a directory written by defrost onnx import or a run");
            }
            if (BlockStudy.isBlockNetwork(dir)) {
                BlockNetwork b = BlockNetworkIo.load(dir);
                b.freezeThrough(0);
                return new GivenNetwork(file, null, b, List.of());
            }
            return new GivenNetwork(file, unfrozen(NetworkIo.load(dir)), null, List.of());
        }
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            throw new IOException(file + ": expected an ONNX model (.onnx) or a defrost network directory");
        }
        OnnxModel model = OnnxImport.readAny(file);
        if (model instanceof OnnxBlockNetwork b) {
            b.network().freezeThrough(0);
            return new GivenNetwork(file, null, b.network(), b.blocks().stream().map(MappedBlock::describe).toList());
        }
        OnnxNetwork onnx = (OnnxNetwork) model;
        List<String> mapping = new ArrayList<>();
        for (MappedLayer l : onnx.layers()) {
            mapping.add(l.describe(l.layer() == onnx.layers().size()));
        }
        return new GivenNetwork(file, unfrozen(onnx.network()), null, mapping);
    }

    private static Network unfrozen(Network n) {
        n.freezeThrough(0);
        return n;
    }

    /** N, the input values per example. */
    int inputWidth() {
        return dense != null ? dense.spec().inputDim() : blocks.architecture().input().size();
    }

    /** L, the feature layers (blocks) that transfer depths count. */
    int featureLayers() {
        return dense != null ? dense.spec().hiddenLayerCount() : blocks.architecture().blockCount();
    }

    /** The readout's width. */
    int outputs() {
        return dense != null ? dense.spec().outputDim() : blocks.architecture().outputs();
    }

    /** The input image C × H × W of a block network; null for a fully connected one. */
    ImageShape imageShape() {
        return blocks == null ? null : blocks.architecture().input();
    }

    /**
     * Refuses data of another width or image shape, naming both: "model.onnx expects 784 inputs, the target data (X)
     * has 780 columns", or for a convolutional network "model.onnx expects 1×28×28 images (channels×height×width),
     * the target data (X) has images of 3×28×28". Flat rows ({@code shape} null) are accepted for a network whose
     * images have one channel, where PyTorch's NCHW order and defrost's NHWC order coincide; for several channels the
     * reordering needs X's shape (n, C, H, W).
     *
     * @param shape the data's image shape {@code [C, H, W]}, or null for flat rows
     */
    void requireInput(int columns, List<Integer> shape, String data) {
        ImageShape image = imageShape();
        if (image == null || image.height() * image.width() == 1) {
            requireWidth(columns, data);
            return;
        }
        String expected = file.getFileName() + " expects " + image.channels() + "×" + image.height() + "×"
                + image.width() + " images (channels×height×width), " + data;
        if (shape != null) {
            if (shape.get(0) != image.channels() || shape.get(1) != image.height() || shape.get(2) != image.width()) {
                throw new IllegalArgumentException(expected + " has images of " + shape.get(0) + "×" + shape.get(1) + "×"
                        + shape.get(2));
            }
        } else if (columns != image.size()) {
            throw new IllegalArgumentException(expected + " has " + columns + " columns; give X as an array of shape "
                    + "(n, " + image.channels() + ", " + image.height() + ", " + image.width() + ")");
        } else if (image.channels() > 1) {
            throw new IllegalArgumentException(expected + " has flat rows of " + columns + " values, whose channel "
                    + "order is unknown; give X as an array of shape (n, " + image.channels() + ", " + image.height()
                    + ", " + image.width() + ") in PyTorch's NCHW order (x.reshape(n, " + image.channels() + ", "
                    + image.height() + ", " + image.width() + "))");
        }
    }

    /** Refuses data of another width, naming both: "model.onnx expects 784 inputs, the target data (X) has 780 columns". */
    void requireWidth(int columns, String data) {
        if (columns != inputWidth()) {
            throw new IllegalArgumentException(file.getFileName() + " expects " + inputWidth() + " inputs, " + data + " has "
                    + columns + " columns");
        }
    }

    /** Writes the network as a {@code source-network} artifact's {@code network/} directory. */
    void save(Path dir, String digest) throws IOException {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("stage", SourceNetworkStage.TYPE);
        provenance.put("file", file.getFileName().toString());
        provenance.put("sha256", digest);
        if (!mapping.isEmpty()) {
            provenance.put("onnxLayers", mapping);
        }
        if (dense != null) {
            NetworkIo.save(dense, dir, provenance);
        } else {
            BlockNetworkIo.save(blocks, dir, provenance);
        }
    }
}
