package org.defrost.engine.yaml;

/** A file that is not acceptable YAML: malformed, too large, too deeply nested, or with a duplicate key. */
public final class YamlSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Location location;

    public YamlSyntaxException(Location location, String message) {
        super(message);
        this.location = location;
    }

    /** Where the problem was detected. */
    public Location location() {
        return location;
    }
}
