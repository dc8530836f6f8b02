package org.defrost.engine.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The workspace's content-addressed store. Thread-safe; several processes may share a workspace
 * because artifacts become visible only through an atomic rename of a complete directory.
 */
public final class ArtifactStore {
    private static final System.Logger LOG = System.getLogger(ArtifactStore.class.getName());
    static final String MANIFEST = "manifest.json";

    private final Path workspace;
    private final Path artifacts;
    private final Path tmp;
    private final Path damaged;
    private final Path locks;

    /** Opens (creating directories as needed) the store in {@code workspace}. */
    public ArtifactStore(Path workspace) throws IOException {
        this.workspace = workspace.toAbsolutePath().normalize();
        this.artifacts = this.workspace.resolve("artifacts");
        this.tmp = this.workspace.resolve("tmp");
        this.damaged = this.workspace.resolve("damaged");
        this.locks = this.workspace.resolve("locks");
        Files.createDirectories(artifacts);
        Files.createDirectories(tmp);
    }

    public Path workspace() {
        return workspace;
    }

    /** Directory of run records, {@code runs/}. */
    public Path runsDirectory() {
        return workspace.resolve("runs");
    }

    /**
     * The artifact stored under {@code key}, after checking that every file is present with its recorded
     * size and checksum. A damaged artifact is moved to {@code damaged/} with a warning and reported absent,
     * so that it is recomputed.
     */
    public Optional<StoredArtifact> find(String key) {
        Path dir = artifacts.resolve(key);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        String problem;
        try {
            Manifest m = Json.MAPPER.readValue(dir.resolve(MANIFEST).toFile(), Manifest.class);
            problem = verify(dir, m);
            if (problem == null) {
                return Optional.of(new StoredArtifact(dir, m));
            }
        } catch (IOException e) {
            problem = "unreadable manifest (" + e.getMessage() + ")";
        }
        quarantine(key, dir, problem);
        return Optional.empty();
    }

    private static String verify(Path dir, Manifest m) throws IOException {
        for (Map.Entry<String, Manifest.FileEntry> e : m.files().entrySet()) {
            Path f = dir.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                return "file " + e.getKey() + " is missing";
            }
            if (Files.size(f) != e.getValue().bytes()) {
                return "file " + e.getKey() + " has " + Files.size(f) + " bytes, the manifest says " + e.getValue().bytes();
            }
            if (!Hashing.sha256(f).equals(e.getValue().sha256())) {
                return "file " + e.getKey() + " does not match its checksum";
            }
        }
        return null;
    }

    private void quarantine(String key, Path dir, String problem) {
        Path target = damaged.resolve(key + "-" + Instant.now().toEpochMilli());
        LOG.log(System.Logger.Level.WARNING, "artifact " + key + " is damaged: " + problem
                + "; moved to " + target + " and recomputing it");
        try {
            Files.createDirectories(damaged);
            Files.move(dir, target);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not move damaged artifact " + dir + ": " + e.getMessage());
        }
    }

    /** Starts writing an artifact of the given kind in a fresh temporary directory. */
    public PendingArtifact begin(String kind) throws IOException {
        Path dir = tmp.resolve(kind + "-" + UUID.randomUUID());
        Files.createDirectories(dir);
        return new PendingArtifact(kind, dir);
    }

    /**
     * Makes a pending artifact visible under {@code key}: checksums its files, writes the manifest and
     * renames the directory into place. If another writer committed the same key first, the pending
     * copy is discarded and the existing artifact returned.
     */
    public StoredArtifact commit(PendingArtifact pending, String key, Manifest.Producer producer,
                                 Map<String, Object> parameters, List<Manifest.InputRef> inputs, long seed)
            throws IOException {
        Path dir = pending.directory();
        Map<String, Manifest.FileEntry> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String name = dir.relativize(f).toString().replace('\\', '/');
                if (name.equals(MANIFEST)) {
                    throw new IOException("a stage may not write a file named " + MANIFEST);
                }
                files.put(name, new Manifest.FileEntry(Files.size(f), Hashing.sha256(f)));
            }
        }
        String digest = Hashing.sha256OfJson(files);
        Manifest m = new Manifest(pending.kind(), key, digest, producer, new TreeMap<>(parameters), inputs, seed,
                Instant.now().toString(), files, pending.metadata());
        Json.MAPPER.writeValue(dir.resolve(MANIFEST).toFile(), m);
        Path target = artifacts.resolve(key);
        for (int attempt = 0; ; attempt++) {
            try {
                Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
                return new StoredArtifact(target, m);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the workspace file system cannot rename directories atomically: " + workspace, e);
            } catch (IOException e) {
                // Linux reports a non-empty target as "Directory not empty" (a plain FileSystemException), other
                // systems as FileAlreadyExistsException: either way, another writer committed this key first.
                if (!Files.exists(target)) {
                    throw e;
                }
                Optional<StoredArtifact> existing = find(key);
                if (existing.isPresent()) {
                    discard(pending);
                    return existing.get();
                }
                if (attempt > 0) {
                    throw new IOException("could not commit artifact " + key + ": " + OsErrors.describe(e), e);
                }
                // find() moved a damaged copy aside: take its place
            }
        }
    }

    /**
     * Waits for the right to compute {@code key}; see {@link KeyLock}. Hold it while looking the key up and
     * computing it, so that a process that waited finds the artifact instead of computing it again.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancellation} fires while waiting
     */
    public KeyLock lock(String key, org.defrost.spi.Cancellation cancellation) throws IOException, InterruptedException {
        return KeyLock.acquire(locks.resolve(key + ".lock"), cancellation);
    }

    /** Directory of the per-key lock files, {@code locks/}. */
    public Path locksDirectory() {
        return locks;
    }

    /** Directory of damaged artifacts moved aside, {@code damaged/}. */
    public Path damagedDirectory() {
        return damaged;
    }

    /** The directory an artifact has, or would have, in the store. */
    public Path directoryOf(String key) {
        return artifacts.resolve(key);
    }

    /**
     * Deletes a stored artifact and its lock file. The directory is first renamed out of {@code artifacts/}, so
     * that no reader ever sees a half-deleted artifact.
     */
    public void remove(String key) throws IOException {
        Path dir = artifacts.resolve(key);
        Path doomed = tmp.resolve("removed-" + key + "-" + UUID.randomUUID());
        Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(doomed);
        Files.deleteIfExists(locks.resolve(key + ".lock"));
    }

    /** Deletes a pending artifact's temporary directory (after a failure). Never throws. */
    public void discard(PendingArtifact pending) {
        deleteTree(pending.directory());
    }

    /**
     * Deletes temporary directories older than {@code age}: what processes killed while writing left behind.
     * Younger ones may belong to a process still writing (several may share a workspace), so they stay.
     *
     * @return how many were deleted
     */
    public int removeStaleTemporary(java.time.Duration age) throws IOException {
        java.time.Instant cutoff = Instant.now().minus(age);
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> s = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    stale.add(p);
                }
            }
        }
        stale.forEach(ArtifactStore::deleteTree);
        if (!stale.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "removed " + stale.size() + " temporary directories older than "
                    + (age.toMinutes() % 60 == 0 ? age.toHours() + "h" : age.toMinutes() + "m") + " from " + tmp);
        }
        return stale.size();
    }

    /** Keys of every stored artifact (not verified). */
    public List<String> keys() throws IOException {
        List<String> keys = new ArrayList<>();
        try (Stream<Path> s = Files.list(artifacts)) {
            s.filter(Files::isDirectory).forEach(p -> keys.add(p.getFileName().toString()));
        }
        keys.sort(null);
        return keys;
    }

    /** Deletes a directory tree, logging what could not be deleted. Never throws. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (NoSuchFileException ignored) {
                    // already gone
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "could not delete " + p + ": " + e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete " + root + ": " + e.getMessage());
        }
    }
}
