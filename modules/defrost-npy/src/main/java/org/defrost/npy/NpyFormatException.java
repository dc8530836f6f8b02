package org.defrost.npy;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a readable {@code .npy} array; the message names the file and the problem. */
public final class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public NpyFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
