package org.defrost.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class KernelThreadsTest {
    @Test
    void splitsOnlyLoopsWithEnoughWorkAndMoreThanOneThread() {
        long enough = KernelThreads.PARALLEL_MIN_WORK;
        try (KernelThreads two = KernelThreads.of(2)) {
            assertTrue(two.splits(10, enough));
            assertFalse(two.splits(10, enough - 1));
            assertFalse(two.splits(1, enough));
            assertFalse(two.splits(0, enough));
        }
        assertFalse(KernelThreads.single().splits(10, enough));
    }

    @Test
    void runsEveryPartExactlyOnce() {
        try (KernelThreads threads = KernelThreads.of(3)) {
            for (int round = 0; round < 2000; round++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(3);
                threads.run(3, (w, ws) -> {
                    assertEquals(3, ws);
                    runs.incrementAndGet(w);
                });
                assertEquals("[1, 1, 1]", runs.toString());
            }
        }
    }

    @Test
    void sharesPartsWithTheWorkers() throws InterruptedException {
        try (KernelThreads threads = KernelThreads.of(2)) {
            CountDownLatch bothStarted = new CountDownLatch(2);
            Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
            threads.run(2, (w, ws) -> {
                ranOn.add(Thread.currentThread());
                bothStarted.countDown();
                try {
                    assertTrue(bothStarted.await(10, TimeUnit.SECONDS), "the other part never started");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(2, ranOn.size());
        }
    }

    @Test
    void neverUsesMorePartsThanThreads() {
        try (KernelThreads threads = KernelThreads.of(2)) {
            int[] seen = new int[1];
            threads.run(5, (w, ws) -> seen[0] = ws);
            assertEquals(2, seen[0]);
        }
    }

    @Test
    void rethrowsAFailureOfAWorkerOnTheCaller() {
        try (KernelThreads threads = KernelThreads.of(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> threads.run(2, (w, ws) -> {
                if (w == 1) {
                    throw new IllegalStateException("part " + w);
                }
            }));
            assertEquals("part 1", e.getMessage());
            int[] after = new int[2];
            threads.run(2, (w, ws) -> after[w] = 1);
            assertArrayEquals(new int[] {1, 1}, after);
        }
    }

    @Test
    void runsOnTheCallerAloneAfterClose() {
        KernelThreads threads = KernelThreads.of(2);
        threads.close();
        threads.close();
        int[] parts = new int[1];
        threads.run(2, (w, ws) -> parts[0] = ws);
        assertEquals(1, parts[0]);
    }

    @Test
    void reportsItsThreadCountAndRejectsLessThanOne() {
        assertEquals(1, KernelThreads.single().threads());
        try (KernelThreads threads = KernelThreads.of(4)) {
            assertEquals(4, threads.threads());
        }
        assertThrows(IllegalArgumentException.class, () -> KernelThreads.of(0));
    }

    @Test
    void keepsSmallProductsOnTheCaller() {
        try (KernelThreads threads = KernelThreads.of(2)) {
            assertEquals(1, threads.partsFor(64L * 400 * 10, 64));
            assertEquals(2, threads.partsFor(128L * 512 * 784, 128));
            assertEquals(1, threads.partsFor(128L * 512 * 784, 1));
        }
    }

    @Test
    void splitsUnitsIntoContiguousNearlyEqualParts() {
        assertEquals(0, KernelThreads.bound(10, 0, 3));
        assertEquals(3, KernelThreads.bound(10, 1, 3));
        assertEquals(6, KernelThreads.bound(10, 2, 3));
        assertEquals(10, KernelThreads.bound(10, 3, 3));
    }

    @Test
    void forRangesCoversEveryIndexOnceInContiguousRanges() {
        try (KernelThreads threads = KernelThreads.of(3)) {
            AtomicIntegerArray seen = new AtomicIntegerArray(1000);
            Set<Integer> starts = ConcurrentHashMap.newKeySet();
            threads.forRanges(1000, KernelThreads.PARALLEL_MIN_WORK, (from, to) -> {
                starts.add(from);
                for (int i = from; i < to; i++) {
                    seen.incrementAndGet(i);
                }
            });
            for (int i = 0; i < 1000; i++) {
                assertEquals(1, seen.get(i));
            }
            assertEquals(Set.of(0, 333, 666), starts);
            int[] calls = new int[1];
            threads.forRanges(1000, KernelThreads.PARALLEL_MIN_WORK - 1, (from, to) -> calls[0] += to - from);
            assertEquals(1000, calls[0], "a small loop runs on the caller as one range");
        }
    }

    @Test
    void aJobStartedInsideAPartRunsOnItsCallerAlone() {
        try (KernelThreads threads = KernelThreads.of(2)) {
            AtomicIntegerArray inner = new AtomicIntegerArray(2);
            threads.run(2, (w, ws) -> threads.run(2, (iw, iws) -> {
                assertEquals(1, iws);
                inner.incrementAndGet(w);
            }));
            assertEquals("[1, 1]", inner.toString());
        }
    }
}
