package org.defrost.nn.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.defrost.npy.Npy;
import org.defrost.npy.NpyArray;
import org.defrost.nn.Activation;
import org.defrost.nn.Head;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.ejml.data.FMatrixRMaj;

/**
 * Saves and loads a network as a directory: {@code network.json} (architecture, frozen flags, file names and
 * free-form provenance) and one float32 {@code .npy} per tensor, which {@code numpy.load} reads:
 * <ul>
 *   <li>{@code layer-k.weight.npy}: shape {@code (in, out)} = {@code (width(k-1), width(k))}, so a batch maps
 *       as {@code X @ W + b} (PyTorch's {@code Linear.weight} is {@code W.T});</li>
 *   <li>{@code layer-k.bias.npy}: shape {@code (out,)} (absent for bias-free networks).</li>
 * </ul>
 * Layers are numbered 1..L+1 (the readout last). The round trip is exact.
 */
public final class NetworkIo {
    /** The name of the architecture file inside a network directory. */
    public static final String JSON = "network.json";
    /** The value of {@code "format"} in {@code network.json}. */
    public static final String FORMAT = "defrost-network";
    private static final int VERSION = 1;

    private NetworkIo() {
    }

    /**
     * Writes {@code network} into {@code dir} (created if absent; existing files of the same names replaced).
     *
     * @param provenance how the network was made (e.g. training config, result, seed, data); JSON-ready values
     *                   (maps, lists, strings, numbers, booleans, null). Stored under {@code "provenance"}.
     */
    public static void save(Network network, Path dir, Map<String, ?> provenance) throws IOException {
        Files.createDirectories(dir);
        NetworkSpec spec = network.spec();
        ObjectNode root = NetworkJson.root(FORMAT, VERSION);
        root.put("inputDim", spec.inputDim());
        ArrayNode hidden = root.putArray("hiddenWidths");
        spec.hiddenWidths().forEach(hidden::add);
        root.put("outputDim", spec.outputDim());
        root.put("activation", spec.activation().id());
        root.put("head", spec.head().id());
        NetworkJson.putInit(root, spec.init());
        root.put("bias", spec.bias());
        root.put("weightLayout", "in_by_out");
        ArrayNode layers = root.putArray("layers");
        for (int k = 1; k <= network.layerCount(); k++) {
            ObjectNode layer = layers.addObject();
            layer.put("layer", k);
            layer.put("in", spec.width(k - 1));
            layer.put("out", spec.width(k));
            layer.put("frozen", network.isFrozen(k));
            layer.put("weight", weightFile(k));
            Npy.write(dir.resolve(weightFile(k)), network.weight(k));
            if (spec.bias()) {
                layer.put("bias", biasFile(k));
                Npy.write(dir.resolve(biasFile(k)), network.bias(k).data, spec.width(k));
            }
        }
        NetworkJson.write(dir, root, provenance);
    }

    /** Reads a network written by {@link #save}, with its frozen flags. */
    public static Network load(Path dir) throws IOException {
        Path json = dir.resolve(JSON);
        JsonNode root = NetworkJson.read(dir, FORMAT, VERSION);
        NetworkSpec spec;
        try {
            List<Integer> hidden = new ArrayList<>();
            root.required("hiddenWidths").forEach(n -> hidden.add(n.asInt()));
            spec = new NetworkSpec(root.required("inputDim").asInt(), hidden, root.required("outputDim").asInt(),
                    Activation.fromId(root.required("activation").asText()), Head.fromId(root.required("head").asText()),
                    NetworkJson.init(root), root.required("bias").asBoolean());
        } catch (IllegalArgumentException e) {
            throw new IOException(json + ": " + e.getMessage(), e);
        }
        if (!"in_by_out".equals(root.path("weightLayout").asText())) {
            throw new IOException(json + ": unsupported weightLayout '" + root.path("weightLayout").asText() + "'");
        }
        JsonNode layers = root.required("layers");
        if (layers.size() != spec.layerCount()) {
            throw new IOException(json + ": " + layers.size() + " layers listed, the architecture has "
                    + spec.layerCount());
        }
        Network network = Network.zeros(spec);
        for (int k = 1; k <= spec.layerCount(); k++) {
            JsonNode layer = layers.get(k - 1);
            Path weightPath = dir.resolve(layer.path("weight").asText(weightFile(k)));
            FMatrixRMaj w = read(weightPath, false, spec.width(k - 1), spec.width(k));
            network.weight(k).setTo(w);
            if (spec.bias()) {
                Path biasPath = dir.resolve(layer.path("bias").asText(biasFile(k)));
                FMatrixRMaj b = read(biasPath, true, 1, spec.width(k));
                network.bias(k).setTo(b);
            }
            network.setFrozen(k, layer.path("frozen").asBoolean(false));
        }
        return network;
    }

    /** The {@code "provenance"} object of a saved network ({@code {}} when absent). */
    public static JsonNode readProvenance(Path dir) throws IOException {
        return NetworkJson.read(dir, FORMAT, VERSION).path("provenance");
    }

    /** Reads a {@code rows × cols} float tensor; a bias may be stored as (out,) or (1, out). */
    private static FMatrixRMaj read(Path file, boolean bias, int rows, int cols) throws IOException {
        NpyArray a = Npy.read(file);
        int[] shape = a.shape();
        boolean matches = Arrays.equals(shape, new int[] {rows, cols})
                || bias && Arrays.equals(shape, new int[] {cols});
        if (!matches) {
            throw new IOException(file + " has shape " + Arrays.toString(shape) + ", expected "
                    + (bias ? "(" + cols + ",)" : "(" + rows + ", " + cols + ")"));
        }
        return FMatrixRMaj.wrap(rows, cols, a.asFloats());
    }

    private static String weightFile(int k) {
        return "layer-" + k + ".weight.npy";
    }

    private static String biasFile(int k) {
        return "layer-" + k + ".bias.npy";
    }
}
