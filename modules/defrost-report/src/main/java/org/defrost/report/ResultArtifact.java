package org.defrost.report;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.defrost.spi.Artifact;

/**
 * One input artifact of the report ({@code transfer-results} or {@code similarity-results} of one matrix
 * cell), whether it comes from a running pipeline or from a finished run's workspace.
 *
 * @param key        the artifact's key in the store
 * @param matrixCell the matrix values of the cell that produced it, e.g. {@code {etaF=0.5}}; empty without a matrix
 * @param directory  the directory holding its files (read only)
 * @param metadata   what the producing stage recorded in the manifest
 */
public record ResultArtifact(String key, Map<String, Object> matrixCell, Path directory, Map<String, Object> metadata) {

    public ResultArtifact {
        matrixCell = Collections.unmodifiableMap(new LinkedHashMap<>(matrixCell));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The view of a stage input. */
    public static ResultArtifact of(Artifact a) {
        return new ResultArtifact(a.key(), a.matrixCell(), a.directory(), a.metadata());
    }

    /** A file of the artifact. */
    public Path file(String name) {
        return directory.resolve(name);
    }
}
