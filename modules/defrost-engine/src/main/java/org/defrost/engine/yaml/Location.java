package org.defrost.engine.yaml;

/**
 * A position in a text file.
 *
 * @param line   1-based line
 * @param column 1-based column
 */
public record Location(int line, int column) {
    /** Where nothing more precise is known. */
    public static final Location START = new Location(1, 1);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
