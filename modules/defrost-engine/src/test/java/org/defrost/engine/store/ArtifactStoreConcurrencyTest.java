package org.defrost.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers sharing a store: a commit of a key someone else committed is a cache hit, and key locks wait. */
class ArtifactStoreConcurrencyTest {
    private static final Manifest.Producer PRODUCER = new Manifest.Producer("t", "1", "s", "p");

    @TempDir
    Path dir;

    private static PendingArtifact pending(ArtifactStore store, String content) throws Exception {
        PendingArtifact p = store.begin("thing");
        Files.writeString(p.directory().resolve("value.txt"), content);
        return p;
    }

    private static StoredArtifact commit(ArtifactStore store, PendingArtifact p) throws Exception {
        return store.commit(p, "k1", PRODUCER, Map.of(), List.of(), 1);
    }

    @Test
    void committingAKeyAnotherWriterCommittedIsACacheHitAndLeavesNoTemporaryDirectory() throws Exception {
        ArtifactStore first = new ArtifactStore(dir);
        ArtifactStore second = new ArtifactStore(dir);
        StoredArtifact a = commit(first, pending(first, "42"));
        PendingArtifact late = pending(second, "42");
        StoredArtifact b = commit(second, late);
        assertEquals(a.directory(), b.directory());
        assertEquals(a.manifest().contentDigest(), b.manifest().contentDigest());
        assertFalse(Files.exists(late.directory()), "the late copy is discarded");
        try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, tmp.count());
        }
    }

    @Test
    void aCommitOverADamagedCopyReplacesIt() throws Exception {
        ArtifactStore store = new ArtifactStore(dir);
        StoredArtifact a = commit(store, pending(store, "42"));
        Files.writeString(a.directory().resolve("value.txt"), "43");
        StoredArtifact b = commit(store, pending(store, "42"));
        assertEquals("42", Files.readString(b.directory().resolve("value.txt")));
        assertTrue(store.find("k1").isPresent());
        try (Stream<Path> damaged = Files.list(dir.resolve("damaged"))) {
            assertEquals(1, damaged.count(), "the damaged copy was moved aside");
        }
    }

    @Test
    void manyWritersRacingOnOneKeyAllGetTheSameIntactArtifact() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<StoredArtifact>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ArtifactStore store = new ArtifactStore(dir);
                PendingArtifact p = pending(store, "same bytes");
                results.add(pool.submit(() -> {
                    go.await();
                    return commit(store, p);
                }));
            }
            go.countDown();
            for (Future<StoredArtifact> f : results) {
                assertEquals("same bytes", Files.readString(f.get(30, TimeUnit.SECONDS).directory().resolve("value.txt")));
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(new ArtifactStore(dir).find("k1").isPresent());
        assertFalse(Files.exists(dir.resolve("damaged")), "no writer saw a damaged copy");
    }

    @Test
    void aKeyLockMakesTheSecondHolderWaitAndACancelledWaiterGivesUp() throws Exception {
        ArtifactStore store = new ArtifactStore(dir);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            KeyLock held = store.lock("k1", () -> false);
            AtomicBoolean acquired = new AtomicBoolean();
            Future<?> waiter = pool.submit(() -> {
                try (KeyLock l = store.lock("k1", () -> false)) {
                    acquired.set(true);
                }
                return null;
            });
            Thread.sleep(300);
            assertFalse(acquired.get(), "the second holder waits");
            held.close();
            waiter.get(10, TimeUnit.SECONDS);
            assertTrue(acquired.get(), "it gets the lock once the first lets go");
            assertTrue(Files.exists(dir.resolve("locks/k1.lock")));

            AtomicBoolean stop = new AtomicBoolean(true);
            try (KeyLock again = store.lock("k1", () -> false)) {
                Future<?> giveUp = pool.submit(() -> {
                    try (KeyLock l = store.lock("k1", stop::get)) {
                        return null;
                    }
                });
                Exception e = assertThrows(java.util.concurrent.ExecutionException.class, () -> giveUp.get(10, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof CancellationException, String.valueOf(e.getCause()));
            }
            assertEquals(0, KeyLock.tracked(), "released locks are forgotten");
        } finally {
            pool.shutdownNow();
        }
    }
}
