package org.defrost.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class PanelRangesTest {
    @Test
    void ownersTakeTheirRangeFromTheFrontAndOthersFromTheBack() {
        PanelRanges ranges = new PanelRanges(10, 3);
        // ranges [0, 3), [3, 6), [6, 10)
        assertEquals(0, ranges.takeFront(0));
        assertEquals(1, ranges.takeFront(0));
        assertEquals(9, ranges.takeBack(2));
        assertEquals(6, ranges.takeFront(2));
        assertEquals(2, ranges.takeBack(0));
        assertEquals(-1, ranges.takeFront(0));
        assertEquals(-1, ranges.takeBack(0));
        assertFalse(ranges.empty());
        assertEquals(List.of(3, 4, 5, 7, 8), drain(ranges, 1, 2));
        assertTrue(ranges.empty());
    }

    @Test
    void moreRangesThanPanelsLeavesSomeEmpty() {
        PanelRanges ranges = new PanelRanges(2, 3);
        assertEquals(List.of(0, 1), drain(ranges, 0, 1, 2));
        assertTrue(ranges.empty());
    }

    @Test
    void concurrentOwnersAndThievesTakeEveryPanelExactlyOnce() throws InterruptedException {
        int panels = 5_000;
        int parts = 4;
        for (int round = 0; round < 20; round++) {
            PanelRanges ranges = new PanelRanges(panels, parts);
            AtomicIntegerArray taken = new AtomicIntegerArray(panels);
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < parts; w++) {
                int own = w;
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int p = ranges.takeFront(own); p >= 0; p = ranges.takeFront(own)) {
                        taken.incrementAndGet(p);
                    }
                    for (int other = 1; other < parts; other++) {
                        int range = (own + other) % parts;
                        for (int p = ranges.takeBack(range); p >= 0; p = ranges.takeBack(range)) {
                            taken.incrementAndGet(p);
                        }
                    }
                });
                t.start();
                threads.add(t);
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            for (int p = 0; p < panels; p++) {
                assertEquals(1, taken.get(p), "panel " + p);
            }
            assertTrue(ranges.empty());
        }
    }

    /** Everything the given ranges still hold, each taken from its back, in increasing order. */
    private static List<Integer> drain(PanelRanges ranges, int... range) {
        List<Integer> out = new ArrayList<>();
        for (int r : range) {
            List<Integer> part = new ArrayList<>();
            for (int p = ranges.takeBack(r); p >= 0; p = ranges.takeBack(r)) {
                part.add(0, p);
            }
            out.addAll(part);
        }
        return out;
    }
}
