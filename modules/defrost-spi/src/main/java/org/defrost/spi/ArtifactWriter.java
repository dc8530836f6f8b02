package org.defrost.spi;

import java.nio.file.Path;

/**
 * Where a stage writes one output artifact. Files go into {@link #directory()}, a private temporary
 * directory; the engine checksums them, writes the manifest and moves the directory into the store
 * atomically when the stage returns, so a failed stage never leaves an artifact that looks complete.
 */
public interface ArtifactWriter {

    /** The artifact kind being written. */
    String kind();

    /** The directory to write files into (created, empty at first). */
    Path directory();

    /**
     * Records a small JSON-serialisable value (number, string, boolean, list or map of those) in the
     * manifest, readable later through {@link Artifact#metadata()}.
     */
    void putMetadata(String name, Object value);
}
