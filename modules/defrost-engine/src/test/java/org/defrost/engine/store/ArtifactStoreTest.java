package org.defrost.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {
    private static final Manifest.Producer PRODUCER = new Manifest.Producer("emit", "1", "numbers", "test");
    private static final String KEY = "a".repeat(64);

    @TempDir
    Path workspace;

    private StoredArtifact commit(ArtifactStore store, String key, String content) throws IOException {
        PendingArtifact pending = store.begin("numbers");
        Files.writeString(pending.directory().resolve("values.txt"), content);
        Files.createDirectories(pending.directory().resolve("sub"));
        Files.writeString(pending.directory().resolve("sub/more.txt"), content + content);
        pending.putMetadata("count", content.length());
        return store.commit(pending, key, PRODUCER, Map.of("count", 3L), List.of(), 7);
    }

    private List<String> entries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCommittedArtifactIsFoundWithItsFilesSizesAndChecksums() throws IOException {
        ArtifactStore store = new ArtifactStore(workspace);
        StoredArtifact stored = commit(store, KEY, "1 2 3");
        assertEquals(workspace.resolve("artifacts").resolve(KEY), stored.directory());
        StoredArtifact found = store.find(KEY).orElseThrow();
        assertEquals(stored.manifest().contentDigest(), found.manifest().contentDigest());
        assertEquals(stored.manifest().files(), found.manifest().files());
        assertEquals(7, found.manifest().seed());
        assertEquals(Set.of("values.txt", "sub/more.txt"), found.manifest().files().keySet());
        assertEquals(5, found.manifest().files().get("values.txt").bytes());
        assertEquals(Hashing.sha256(found.directory().resolve("values.txt")),
                found.manifest().files().get("values.txt").sha256());
        assertEquals(Map.of("count", 5), found.manifest().metadata());
        assertEquals(List.of(KEY), store.keys());
        assertEquals(List.of(), entries(workspace.resolve("tmp")));
    }

    @Test
    void theContentDigestDependsOnTheBytesNotOnTheKey() throws IOException {
        ArtifactStore store = new ArtifactStore(workspace);
        String same = commit(store, "1".repeat(64), "x").manifest().contentDigest();
        assertEquals(same, commit(store, "2".repeat(64), "x").manifest().contentDigest());
        assertNotEquals(same, commit(store, "3".repeat(64), "y").manifest().contentDigest());
    }

    @Test
    void aFileChangedInPlaceMakesTheArtifactAbsentAndMovesItToDamaged() throws IOException {
        ArtifactStore store = new ArtifactStore(workspace);
        Path file = commit(store, KEY, "1 2 3").directory().resolve("values.txt");
        Files.writeString(file, "1 2 4"); // same size, other bytes
        assertTrue(store.find(KEY).isEmpty());
        assertEquals(List.of(), store.keys());
        List<String> damaged = entries(workspace.resolve("damaged"));
        assertEquals(1, damaged.size(), damaged.toString());
        assertTrue(damaged.get(0).startsWith(KEY + "-"), damaged.toString());
        assertEquals("1 2 4", Files.readString(workspace.resolve("damaged").resolve(damaged.get(0)).resolve("values.txt")));
    }

    @Test
    void truncatedMissingAndUnreadableEntriesAreEachQuarantined() throws IOException {
        ArtifactStore store = new ArtifactStore(workspace);
        Files.writeString(commit(store, "1".repeat(64), "1 2 3").directory().resolve("values.txt"), "1 2");
        Files.delete(commit(store, "2".repeat(64), "1 2 3").directory().resolve("sub/more.txt"));
        Files.writeString(commit(store, "3".repeat(64), "1 2 3").directory().resolve(ArtifactStore.MANIFEST), "{ not json");
        for (String key : List.of("1".repeat(64), "2".repeat(64), "3".repeat(64))) {
            assertTrue(store.find(key).isEmpty(), key);
        }
        assertEquals(3, entries(workspace.resolve("damaged")).size());
        assertEquals(List.of(), store.keys());
    }

    @Test
    void aQuarantinedArtifactCanBeCommittedAgain() throws IOException {
        ArtifactStore store = new ArtifactStore(workspace);
        Files.writeString(commit(store, KEY, "1 2 3").directory().resolve("values.txt"), "9 9 9");
        assertTrue(store.find(KEY).isEmpty());
        commit(store, KEY, "1 2 3");
        assertEquals("1 2 3", Files.readString(store.find(KEY).orElseThrow().directory().resolve("values.txt")));
    }

    @Test
    void concurrentCommitsOfOneKeyKeepTheFirstAndDiscardTheOthers() throws Exception {
        ArtifactStore store = new ArtifactStore(workspace);
        int writers = 8;
        CountDownLatch ready = new CountDownLatch(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<StoredArtifact>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String content = "writer " + w;
                results.add(pool.submit(() -> {
                    PendingArtifact pending = store.begin("numbers");
                    Files.writeString(pending.directory().resolve("values.txt"), content);
                    ready.countDown();
                    ready.await();
                    return store.commit(pending, KEY, PRODUCER, Map.of(), List.of(), 0);
                }));
            }
            Set<String> digests = results.stream().map(ArtifactStoreTest::get)
                    .map(a -> a.manifest().contentDigest()).collect(Collectors.toSet());
            assertEquals(1, digests.size(), "every writer sees the one artifact that won: " + digests);
        } finally {
            pool.shutdownNow();
        }
        StoredArtifact kept = store.find(KEY).orElseThrow();
        assertTrue(Files.readString(kept.directory().resolve("values.txt")).startsWith("writer "));
        assertEquals(List.of(KEY), store.keys());
        assertEquals(List.of(), entries(workspace.resolve("tmp")), "the losers' directories are discarded");
    }

    private static StoredArtifact get(Future<StoredArtifact> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aStageMayNotWriteItsOwnManifest() throws IOException {
        ArtifactStore store = new ArtifactStore(workspace);
        PendingArtifact pending = store.begin("numbers");
        Files.writeString(pending.directory().resolve(ArtifactStore.MANIFEST), "{}");
        IOException e = assertThrows(IOException.class,
                () -> store.commit(pending, KEY, PRODUCER, Map.of(), List.of(), 0));
        assertEquals("a stage may not write a file named manifest.json", e.getMessage());
        assertTrue(store.find(KEY).isEmpty());
        store.discard(pending);
        assertFalse(Files.exists(pending.directory()));
    }

    @Test
    void onlyTemporaryDirectoriesOlderThanTheAgeAreRemoved() throws IOException {
        ArtifactStore store = new ArtifactStore(workspace);
        PendingArtifact old = store.begin("numbers");
        Files.writeString(old.directory().resolve("half.txt"), "half", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(old.directory(), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        PendingArtifact fresh = store.begin("numbers");
        assertEquals(1, store.removeStaleTemporary(Duration.ofDays(1)));
        assertFalse(Files.exists(old.directory()));
        assertTrue(Files.isDirectory(fresh.directory()));
    }
}
