package org.defrost.engine.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where paths in a pipeline file may point: relative paths are resolved against the pipeline file's
 * directory, and the result must lie under one of the allowed roots, also after following symbolic links.
 *
 * @param roots allowed directories; empty allows any path
 */
public record PathPolicy(List<Path> roots) {

    public PathPolicy {
        roots = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
    }

    /** No confinement: any path is allowed. */
    public static PathPolicy unrestricted() {
        return new PathPolicy(List.of());
    }

    /**
     * The absolute, normalised form of {@code value} resolved against {@code base}.
     *
     * @throws IllegalArgumentException naming the path and the allowed roots when it lies outside them
     */
    public Path resolve(Path base, String value) {
        Path p = base.resolve(value).toAbsolutePath().normalize();
        if (roots.isEmpty()) {
            return p;
        }
        Path real = realPath(p);
        for (Path root : roots) {
            if (p.startsWith(root) && real.startsWith(realPath(root))) {
                return p;
            }
        }
        throw new IllegalArgumentException("path " + value + " (" + (real.equals(p) ? p : p + ", which leads to " + real)
                + ") is outside the allowed directories " + roots + "; allow another directory with --data-root");
    }

    /** The real path of {@code p}, or of its nearest existing ancestor joined with the rest. */
    private static Path realPath(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p)).normalize();
        } catch (IOException e) {
            return p;
        }
    }
}
