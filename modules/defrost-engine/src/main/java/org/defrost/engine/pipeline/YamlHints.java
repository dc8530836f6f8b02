package org.defrost.engine.pipeline;

import java.util.regex.Pattern;
import org.defrost.engine.yaml.Location;

/**
 * Hints added to YAML syntax errors for the mistakes pipeline authors make most: a matrix reference written
 * without quotes inside braces or brackets, where {@code {}} are YAML syntax, and tab characters, which YAML
 * does not allow for indentation.
 */
final class YamlHints {
    private static final Pattern UNQUOTED_REFERENCE = Pattern.compile("(^|[\\s,\\[{:])\\$\\{");

    private YamlHints() {
    }

    /** What is wrong, for a syntax error reported at {@code at} in {@code text}, or the empty string when unknown. */
    static String hint(String text, Location at) {
        String[] lines = text.split("\n", -1);
        for (int l = Math.max(0, at.line() - 2); l < Math.min(lines.length, at.line() + 1); l++) {
            String line = lines[l];
            if (UNQUOTED_REFERENCE.matcher(line).find() && inFlowCollection(line)) {
                return "a matrix reference inside { } or [ ] must be quoted, as \"${matrix.KEY}\" (line " + (l + 1) + ")";
            }
        }
        return "";
    }

    /**
     * The first tab character used for indentation (before the first other character of its line), or null.
     * YAML forbids them, and the parser's message for one points elsewhere.
     */
    static Location indentationTab(String text) {
        String[] lines = text.split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            String line = lines[l];
            for (int c = 0; c < line.length() && (line.charAt(c) == ' ' || line.charAt(c) == '\t' || line.charAt(c) == '-'); c++) {
                if (line.charAt(c) == '\t') {
                    return new Location(l + 1, c + 1);
                }
            }
        }
        return null;
    }

    private static boolean inFlowCollection(String line) {
        int brace = line.indexOf('{');
        int bracket = line.indexOf('[');
        int reference = line.indexOf("${");
        return (brace >= 0 && brace < reference) || (bracket >= 0 && bracket < reference);
    }
}
