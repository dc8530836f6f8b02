package org.defrost.engine.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Parses one YAML document into a {@link YamlNode} tree with locations.
 *
 * <p>Limits protect a long-running service from hostile files: the document size (characters),
 * the nesting depth, and the number of aliases. A duplicate key in a mapping is an error, not a silent
 * overwrite.
 */
public final class YamlReader {
    /** Largest document accepted by default, in characters. */
    public static final int DEFAULT_MAX_CHARS = 1 << 20;
    /** Deepest nesting of mappings and lists accepted by default. */
    public static final int DEFAULT_MAX_DEPTH = 40;
    private static final int MAX_ALIASES = 20;

    private final int maxChars;
    private final int maxDepth;
    private final YAMLFactory factory;

    public YamlReader() {
        this(DEFAULT_MAX_CHARS, DEFAULT_MAX_DEPTH);
    }

    public YamlReader(int maxChars, int maxDepth) {
        this.maxChars = maxChars;
        this.maxDepth = maxDepth;
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(maxChars + 1);
        options.setNestingDepthLimit(2 * maxDepth + 2);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        this.factory = YAMLFactory.builder()
                .loaderOptions(options)
                // Looser than maxDepth, so that this reader's own check reports the location.
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(2 * maxDepth + 2).build())
                .build();
    }

    /**
     * Parses {@code text}.
     *
     * @return the root node; an empty document gives an empty mapping
     * @throws YamlSyntaxException with the location of the first problem
     */
    public YamlNode parse(String text) throws YamlSyntaxException {
        if (text.length() > maxChars) {
            throw new YamlSyntaxException(Location.START, "document has " + text.length()
                    + " characters; the limit is " + maxChars);
        }
        if (text.indexOf('\0') >= 0) {
            throw new YamlSyntaxException(Location.START, "not a text file (contains NUL characters)");
        }
        try (JsonParser p = factory.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new YamlNode.Mapping(Location.START, Map.of(), Map.of());
            }
            YamlNode root = node(p, 0);
            if (p.nextToken() != null) {
                throw new YamlSyntaxException(location(p), "more than one YAML document in the file");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            Location at = l == null ? Location.START : new Location(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
            throw new YamlSyntaxException(at, cleanMessage(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new YamlSyntaxException(Location.START, e.getMessage());
        } catch (RuntimeException e) {
            // SnakeYAML reports limits (aliases, nesting, size) with unchecked exceptions.
            throw new YamlSyntaxException(Location.START, cleanMessage(String.valueOf(e.getMessage())));
        }
    }

    private YamlNode node(JsonParser p, int depth) throws IOException, YamlSyntaxException {
        Location at = location(p);
        if (depth > maxDepth) {
            throw new YamlSyntaxException(at, "nesting deeper than " + maxDepth + " levels");
        }
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                Map<String, Location> keys = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Location keyAt = location(p);
                    if (entries.containsKey(key)) {
                        throw new YamlSyntaxException(keyAt, "duplicate key '" + key + "' (first at line "
                                + keys.get(key).line() + ")");
                    }
                    p.nextToken();
                    keys.put(key, keyAt);
                    entries.put(key, node(p, depth + 1));
                }
                return new YamlNode.Mapping(at, entries, keys);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(p, depth + 1));
                }
                return new YamlNode.Sequence(at, items);
            }
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(at, p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(at, p.getDoubleValue());
            case VALUE_TRUE:
                return new YamlNode.Scalar(at, Boolean.TRUE);
            case VALUE_FALSE:
                return new YamlNode.Scalar(at, Boolean.FALSE);
            case VALUE_NULL:
                return new YamlNode.Scalar(at, null);
            case VALUE_STRING:
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    // Jackson gives an alias as its anchor's name, which would silently change values.
                    throw new YamlSyntaxException(at, "YAML aliases (*" + p.getText() + ") are not supported; write the value out");
                }
                return new YamlNode.Scalar(at, p.getText());
            default:
                throw new YamlSyntaxException(at, "unsupported YAML content (" + t + ")");
        }
    }

    private static Location location(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return new Location(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    private static String cleanMessage(String message) {
        String m = message == null ? "malformed YAML" : message.strip();
        int cut = m.indexOf("\n at [Source");
        return (cut > 0 ? m.substring(0, cut) : m).replaceAll("\\s+", " ");
    }
}
