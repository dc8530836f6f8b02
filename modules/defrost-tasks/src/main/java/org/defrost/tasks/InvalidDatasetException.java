package org.defrost.tasks;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Input data that cannot be used: a missing or malformed file, inconsistent counts, non-finite values,
 * labels outside the declared classes, or sizes the data cannot supply. The message starts with the
 * file (or dataset) concerned and then states the problem, so it can be shown to users as it is.
 */
public final class InvalidDatasetException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A problem with one file. */
    public InvalidDatasetException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /** A problem with one file, caused by a lower-level failure. */
    public InvalidDatasetException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }

    /** A problem with a dataset described by {@code what} (e.g. its name or its files). */
    public InvalidDatasetException(String what, String problem) {
        super(what + ": " + problem);
    }
}
