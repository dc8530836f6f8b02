package org.defrost.spi;

import java.nio.file.Path;
import java.util.Map;

/**
 * A finished, immutable stage output in the artifact store: a directory of files plus a manifest.
 * Arrays are {@code .npy} files, tables CSV, metadata JSON. Never write into {@link #directory()}.
 */
public interface Artifact {

    /** The content-addressed key (64 hex digits) under which the artifact is stored. */
    String key();

    /** The artifact kind, e.g. {@code source-task}. */
    String kind();

    /** Read-only directory holding the artifact's files. */
    Path directory();

    /** A file of the artifact, by its name relative to {@link #directory()}. */
    default Path file(String name) {
        return directory().resolve(name);
    }

    /** Values the producing stage recorded with {@link ArtifactWriter#putMetadata}. */
    Map<String, Object> metadata();

    /** The matrix values of the cell that produced it; empty for whole-pipeline stages. */
    Map<String, Object> matrixCell();

    /** The seed index (0-based) of the producing invocation, or -1 when it spans several seeds. */
    int seedIndex();
}
