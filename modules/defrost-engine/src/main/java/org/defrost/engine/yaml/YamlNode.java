package org.defrost.engine.yaml;

import java.util.List;
import java.util.Map;

/** A node of a YAML document with the location where it starts. */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    Location location();

    /** A plain Java view: Map, List, Long, Double, Boolean, String or null. */
    Object toPlain();

    /** A short description of the node's type for error messages ("a list", "the text \"abc\""). */
    String describe();

    /**
     * A mapping; entries keep file order.
     *
     * @param entries     values by key
     * @param keyLocations where each key stands
     */
    record Mapping(Location location, Map<String, YamlNode> entries, Map<String, Location> keyLocations)
            implements YamlNode {
        @Override
        public Object toPlain() {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            entries.forEach((k, v) -> out.put(k, v.toPlain()));
            return out;
        }

        @Override
        public String describe() {
            return "a mapping";
        }

        /** Where the key stands, or where the mapping starts when the key is absent. */
        public Location keyLocation(String key) {
            return keyLocations.getOrDefault(key, location);
        }
    }

    /** A sequence. */
    record Sequence(Location location, List<YamlNode> items) implements YamlNode {
        @Override
        public Object toPlain() {
            return items.stream().map(YamlNode::toPlain).toList();
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar: Long, Double, Boolean, String, or null for YAML's null.
     */
    record Scalar(Location location, Object value) implements YamlNode {
        @Override
        public Object toPlain() {
            return value;
        }

        @Override
        public String describe() {
            if (value == null) {
                return "null";
            }
            if (value instanceof String s) {
                return "the text \"" + s + "\"";
            }
            return (value instanceof Boolean ? "the boolean " : "the number ") + value;
        }
    }
}
