package org.defrost.engine.store;

import java.nio.file.Path;

/**
 * A committed artifact: its directory in the store and its manifest.
 *
 * @param directory the artifact's directory, {@code artifacts/<key>}
 * @param manifest  its parsed manifest
 */
public record StoredArtifact(Path directory, Manifest manifest) {

    public String key() {
        return manifest.key();
    }

    public String kind() {
        return manifest.kind();
    }

    /** Total size of the artifact's files in bytes. */
    public long bytes() {
        return manifest.files().values().stream().mapToLong(Manifest.FileEntry::bytes).sum();
    }
}
