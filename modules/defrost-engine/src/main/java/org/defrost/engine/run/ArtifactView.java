package org.defrost.engine.run;

import java.nio.file.Path;
import java.util.Map;
import org.defrost.engine.store.StoredArtifact;
import org.defrost.spi.Artifact;

/**
 * A stored artifact as one consumer sees it: with the matrix cell and seed index of the invocation that
 * supplied it in this run (an artifact reused across cells has one manifest but several such views).
 */
record ArtifactView(StoredArtifact stored, Map<String, Object> matrixCell, int seedIndex) implements Artifact {

    @Override
    public String key() {
        return stored.key();
    }

    @Override
    public String kind() {
        return stored.kind();
    }

    @Override
    public Path directory() {
        return stored.directory();
    }

    @Override
    public Map<String, Object> metadata() {
        return stored.manifest().metadata();
    }
}
