package org.defrost.engine.store;

import java.util.List;
import java.util.Map;

/**
 * The {@code manifest.json} of an artifact: what it is, how it was made, and checksums of its files.
 *
 * @param kind          artifact kind
 * @param key           content-addressed key (also the directory name)
 * @param contentDigest SHA-256 over the files' names and checksums: what consumers' keys are built from
 * @param producer      stage type, version, and the stage id and pipeline that first produced it
 * @param parameters    the parameters that went into the key
 * @param inputs        the input artifacts that went into the key: kind, key, content digest
 * @param seed          the seed that went into the key
 * @param createdAt     ISO-8601 instant of the commit
 * @param files         file name (relative, '/'-separated) to its size and SHA-256
 * @param metadata      values the stage recorded
 */
public record Manifest(String kind, String key, String contentDigest, Producer producer, Map<String, Object> parameters,
                       List<InputRef> inputs, long seed, String createdAt, Map<String, FileEntry> files,
                       Map<String, Object> metadata) {

    /** Who made an artifact. */
    public record Producer(String stageType, String stageVersion, String stageId, String pipeline) {
    }

    /** One input of an artifact. */
    public record InputRef(String kind, String key, String contentDigest) {
    }

    /** One file of an artifact. */
    public record FileEntry(long bytes, String sha256) {
    }
}
