package org.defrost.nn.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.defrost.npy.Npy;
import org.defrost.npy.NpyArray;
import org.defrost.nn.Activation;
import org.defrost.nn.Head;
import org.defrost.nn.conv.Architecture;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.conv.ImageShape;
import org.defrost.nn.conv.LayerSpec;
import org.ejml.data.FMatrixRMaj;

/**
 * Saves and loads a block network as a directory: {@code network.json} (format {@value #FORMAT}: input shape,
 * the blocks in the architecture syntax, readout width, activation, head, init, per block its name, frozen flag
 * and tensor files, and free-form provenance) and one float32 {@code .npy} per tensor, named
 * {@code block-B.layer-J.KIND.npy} with KIND {@code weight}, {@code bias}, {@code gamma}, {@code beta},
 * {@code running_mean} or {@code running_var}. Conv weights have shape {@code (k·k·Cin, Cout)}, rows in
 * (ky, kx, c) order; dense weights {@code (in, out)} with inputs in NHWC order. The round trip is exact.
 */
public final class BlockNetworkIo {
    /** The value of {@code "format"} in {@code network.json}. */
    public static final String FORMAT = "defrost-block-network";
    private static final int VERSION = 1;
    private static final List<String> NORM_KINDS = List.of("gamma", "beta", "running_mean", "running_var");

    private BlockNetworkIo() {
    }

    /**
     * Writes {@code network} into {@code dir} (created if absent; files of the same names replaced).
     *
     * @param provenance JSON-ready values stored under {@code "provenance"}
     */
    public static void save(BlockNetwork network, Path dir, Map<String, ?> provenance) throws IOException {
        Files.createDirectories(dir);
        Architecture a = network.architecture();
        ObjectNode root = NetworkJson.root(FORMAT, VERSION);
        ArrayNode input = root.putArray("input");
        input.add(a.input().channels()).add(a.input().height()).add(a.input().width());
        root.put("layout", "nhwc");
        root.put("blocks", a.text());
        root.put("outputs", a.outputs());
        root.put("activation", a.activation().id());
        root.put("head", a.head().id());
        NetworkJson.putInit(root, a.init());
        ArrayNode blocks = root.putArray("blockTensors");
        for (int b = 1; b <= network.blockCount(); b++) {
            ObjectNode block = blocks.addObject();
            block.put("block", b);
            block.put("name", a.blockName(b));
            block.put("frozen", network.isFrozen(b));
            ArrayNode files = block.putArray("tensors");
            List<LayerSpec> layers = a.block(b).layers();
            for (int j = 0; j < layers.size(); j++) {
                List<FMatrixRMaj> t = network.parameters().tensors(b, j);
                for (int i = 0; i < t.size(); i++) {
                    String name = file(b, j, kind(layers.get(j), i));
                    files.add(name);
                    Npy.write(dir.resolve(name), t.get(i));
                }
            }
        }
        NetworkJson.write(dir, root, provenance);
    }

    /** Reads a network written by {@link #save}, with its frozen flags. */
    public static BlockNetwork load(Path dir) throws IOException {
        Path json = dir.resolve(NetworkIo.JSON);
        JsonNode root = NetworkJson.read(dir, FORMAT, VERSION);
        Architecture a;
        try {
            JsonNode in = root.required("input");
            ImageShape shape = new ImageShape(in.get(0).asInt(), in.get(1).asInt(), in.get(2).asInt());
            a = new Architecture(shape, Architecture.parseBlocks(root.required("blocks").asText(), shape),
                    root.required("outputs").asInt(), Activation.fromId(root.required("activation").asText()),
                    Head.fromId(root.required("head").asText()), NetworkJson.init(root));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException(json + ": " + e.getMessage(), e);
        }
        BlockNetwork network = BlockNetwork.zeros(a);
        JsonNode blocks = root.required("blockTensors");
        if (blocks.size() != network.blockCount()) {
            throw new IOException(json + ": " + blocks.size() + " blocks listed, the architecture has "
                    + network.blockCount());
        }
        for (int b = 1; b <= network.blockCount(); b++) {
            List<LayerSpec> layers = a.block(b).layers();
            for (int j = 0; j < layers.size(); j++) {
                List<FMatrixRMaj> t = network.parameters().tensors(b, j);
                for (int i = 0; i < t.size(); i++) {
                    Path file = dir.resolve(file(b, j, kind(layers.get(j), i)));
                    NpyArray stored = Npy.read(file);
                    FMatrixRMaj target = t.get(i);
                    if (!Arrays.equals(stored.shape(), new int[] {target.numRows, target.numCols})) {
                        throw new IOException(file + " has shape " + Arrays.toString(stored.shape()) + ", expected ("
                                + target.numRows + ", " + target.numCols + ")");
                    }
                    System.arraycopy(stored.asFloats(), 0, target.data, 0, target.getNumElements());
                }
            }
            network.setFrozen(b, blocks.get(b - 1).path("frozen").asBoolean(false));
        }
        return network;
    }

    private static String kind(LayerSpec layer, int tensor) {
        return layer instanceof LayerSpec.BatchNorm ? NORM_KINDS.get(tensor) : tensor == 0 ? "weight" : "bias";
    }

    private static String file(int block, int layer, String kind) {
        return "block-" + block + ".layer-" + layer + "." + kind + ".npy";
    }
}
