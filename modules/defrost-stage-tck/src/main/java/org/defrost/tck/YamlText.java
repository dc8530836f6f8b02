package org.defrost.tck;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes parameter values (numbers, booleans, texts and lists of those) as YAML flow scalars and lists. */
final class YamlText {
    private YamlText() {
    }

    /**
     * The YAML form of {@code value}: integers as written, finite real numbers always with a decimal point or an
     * exponent with its sign (so that YAML reads them as numbers), texts double-quoted with JSON escapes. NaN and
     * the infinities, which the YAML reader refuses, are written as the texts {@code "NaN"}, {@code "Infinity"}
     * and {@code "-Infinity"}, which the engine reads as those numbers (and then refuses as not finite).
     *
     * @throws IllegalArgumentException for null and for types a pipeline file cannot hold
     */
    static String value(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            return real(((Number) value).doubleValue());
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof CharSequence text) {
            return quoted(text.toString());
        }
        if (value instanceof List<?> list) {
            return list.stream().map(YamlText::value).collect(Collectors.joining(", ", "[", "]"));
        }
        throw new IllegalArgumentException("a pipeline parameter is a number, boolean, text or list of those; found "
                + (value == null ? "null" : value.getClass().getName()));
    }

    private static String real(double v) {
        if (!Double.isFinite(v)) {
            return quoted(Double.toString(v));
        }
        String s = Double.toString(v).toLowerCase(Locale.ROOT);
        int e = s.indexOf('e');
        return e < 0 || s.charAt(e + 1) == '-' ? s : s.substring(0, e + 1) + "+" + s.substring(e + 1);
    }

    private static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
