package org.defrost.similarity.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** A flat JSON object of strings and numbers, written on one line; NaN and infinities become null. */
final class JsonObject {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    JsonObject put(String name, String value) {
        fields.put(name, value);
        return this;
    }

    JsonObject put(String name, double value) {
        fields.put(name, value);
        return this;
    }

    JsonObject put(String name, int value) {
        fields.put(name, value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (out.length() > 1) {
                out.append(", ");
            }
            quote(out, e.getKey());
            out.append(": ");
            Object v = e.getValue();
            if (v instanceof String s) {
                quote(out, s);
            } else if (v instanceof Double d) {
                out.append(Double.isFinite(d) ? d.toString() : "null");
            } else {
                out.append(v);
            }
        }
        return out.append('}').toString();
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
