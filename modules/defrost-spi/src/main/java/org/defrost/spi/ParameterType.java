package org.defrost.spi;

/** The type of a stage parameter's value as written in a pipeline file. */
public enum ParameterType {
    /** A whole number (64-bit). */
    INTEGER,
    /** A real number; integers are accepted. */
    NUMBER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** Free text. */
    STRING,
    /** One of a declared set of words. */
    CHOICE,
    /** A list of whole numbers; a single number is accepted as a one-element list. */
    INTEGER_LIST,
    /** A list of real numbers; a single number is accepted as a one-element list. */
    NUMBER_LIST,
    /** A list of words from the declared set (or free text when none is declared). */
    STRING_LIST,
    /**
     * A file or directory path. Relative paths are resolved against the pipeline file's directory; the
     * engine refuses paths outside its allowed roots (also through {@code ..} or symbolic links) and passes
     * the stage an absolute, normalised path as a String.
     */
    PATH
}
