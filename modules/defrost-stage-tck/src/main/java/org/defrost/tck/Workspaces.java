package org.defrost.tck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.StoredArtifact;

/** Workspace chores of the kit: finding artifacts by key and handing upstream artifacts to a fresh workspace. */
final class Workspaces {
    private Workspaces() {
    }

    /**
     * Copies every artifact of {@code from} that the stage under test did not produce into a new workspace at
     * {@code to}, so that a run there takes its inputs, byte for byte, from the cache.
     */
    static void seedWithUpstreamArtifacts(ArtifactStore from, Path to) throws IOException {
        ArtifactStore target = new ArtifactStore(to);
        for (String key : from.keys()) {
            Optional<StoredArtifact> a = from.find(key);
            if (a.isPresent() && !KitPipeline.STAGE_ID.equals(a.get().manifest().producer().stageId())) {
                copyTree(a.get().directory(), target.workspace().resolve("artifacts").resolve(key));
            }
        }
    }

    /** Entries left in the store's directory of artifacts being written. */
    static long pendingEntries(ArtifactStore store) throws IOException {
        try (Stream<Path> s = Files.list(store.workspace().resolve("tmp"))) {
            return s.count();
        }
    }

    /** Deletes {@code root} and everything under it. */
    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
