package org.defrost.tck;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A prepared input artifact: a directory whose files the kit copies into an artifact of the store, with the
 * metadata its producer would have recorded.
 *
 * @param directory the files, copied as they are (sub-directories included); not modified
 * @param metadata  values readable through {@link org.defrost.spi.Artifact#metadata()}
 */
public record SampleArtifact(Path directory, Map<String, ?> metadata) {

    public SampleArtifact {
        Objects.requireNonNull(directory, "directory");
        metadata = Map.copyOf(metadata);
    }

    /** An artifact with the files of {@code directory} and no metadata. */
    public static SampleArtifact of(Path directory) {
        return new SampleArtifact(directory, Map.of());
    }
}
