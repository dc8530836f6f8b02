package org.defrost.nn.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.defrost.nn.Init;

/**
 * What the {@code network.json} of both network formats shares: the {@code format} and {@code formatVersion}
 * header, the {@code init} object and the free-form {@code provenance}.
 */
final class NetworkJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private NetworkJson() {
    }

    /** A new root object naming the format and its version. */
    static ObjectNode root(String format, int version) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", format);
        root.put("formatVersion", version);
        return root;
    }

    /** Stores {@code init} under {@code "init"} as its kind and scale. */
    static void putInit(ObjectNode root, Init init) {
        ObjectNode node = root.putObject("init");
        node.put("kind", init.id());
        node.put("scale", init.scale());
    }

    /**
     * Stores {@code provenance} (JSON-ready values, or null for none) under {@code "provenance"} and writes
     * {@code root} to {@code dir/}{@value NetworkIo#JSON}, replacing it.
     */
    static void write(Path dir, ObjectNode root, Map<String, ?> provenance) throws IOException {
        root.set("provenance", MAPPER.valueToTree(provenance == null ? Map.of() : provenance));
        MAPPER.writeValue(dir.resolve(NetworkIo.JSON).toFile(), root);
    }

    /**
     * Reads {@code dir/}{@value NetworkIo#JSON}.
     *
     * @throws IOException when it is not of {@code format} or not of {@code version}
     */
    static JsonNode read(Path dir, String format, int version) throws IOException {
        Path json = dir.resolve(NetworkIo.JSON);
        JsonNode root = MAPPER.readTree(json.toFile());
        if (root == null || !format.equals(root.path("format").asText())) {
            throw new IOException(json + " is not a " + format + " file");
        }
        if (root.path("formatVersion").asInt() != version) {
            throw new IOException(json + ": unsupported formatVersion " + root.path("formatVersion"));
        }
        return root;
    }

    /** The {@code "init"} object of a root written with {@link #putInit}. */
    static Init init(JsonNode root) {
        JsonNode init = root.required("init");
        return Init.fromId(init.required("kind").asText(), init.path("scale").asDouble());
    }
}
