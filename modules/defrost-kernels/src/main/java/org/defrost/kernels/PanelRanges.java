package org.defrost.kernels;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The panels [0, panels) of a product cut into one contiguous range per thread, from which the owner takes
 * panels at the front and other threads take them at the back; every panel is taken exactly once. Each range is
 * one atomic word (front in the high half, end in the low half) on a cache line of its own, so an owner taking
 * its own panels does not contend with the other threads until they come to take from its back.
 */
final class PanelRanges {
    /** Words between two ranges: 16 longs, two cache lines, so that adjacent-line prefetching does not pair them. */
    private static final int SPACING = 16;
    private final AtomicLongArray words;
    private final int parts;

    /** Cuts [0, panels) evenly into {@code parts} ranges. */
    PanelRanges(int panels, int parts) {
        this.parts = parts;
        words = new AtomicLongArray(parts * SPACING);
        for (int w = 0; w < parts; w++) {
            words.set(w * SPACING, word(KernelThreads.bound(panels, w, parts),
                    KernelThreads.bound(panels, w + 1, parts)));
        }
    }

    /** Whether every panel has been taken. */
    boolean empty() {
        for (int w = 0; w < parts; w++) {
            long v = words.get(w * SPACING);
            if (front(v) < end(v)) {
                return false;
            }
        }
        return true;
    }

    /** Takes the first panel left in range {@code range}, or returns -1 when it has none. */
    int takeFront(int range) {
        return take(range, true);
    }

    /** Takes the last panel left in range {@code range}, or returns -1 when it has none. */
    int takeBack(int range) {
        return take(range, false);
    }

    private int take(int range, boolean atFront) {
        while (true) {
            long v = words.get(range * SPACING);
            int front = front(v);
            int end = end(v);
            if (front >= end) {
                return -1;
            }
            if (words.compareAndSet(range * SPACING, v, atFront ? word(front + 1, end) : word(front, end - 1))) {
                return atFront ? front : end - 1;
            }
        }
    }

    private static long word(int front, int end) {
        return (long) front << 32 | end;
    }

    private static int front(long word) {
        return (int) (word >>> 32);
    }

    private static int end(long word) {
        return (int) word;
    }
}
