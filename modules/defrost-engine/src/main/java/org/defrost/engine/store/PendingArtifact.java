package org.defrost.engine.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.defrost.spi.ArtifactWriter;

/** An artifact being written in a temporary directory, not yet visible in the store. */
public final class PendingArtifact implements ArtifactWriter {
    private final String kind;
    private final Path directory;
    private final Map<String, Object> metadata = new ConcurrentHashMap<>();

    PendingArtifact(String kind, Path directory) {
        this.kind = kind;
        this.directory = directory;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public void putMetadata(String name, Object value) {
        metadata.put(name, value);
    }

    /** The metadata recorded so far, sorted by name. */
    Map<String, Object> metadata() {
        return new TreeMap<>(metadata);
    }
}
