package org.defrost.service;

/**
 * Memory shared by the runs going on at the same time: a run starts only when its estimate fits beside
 * those of the running ones, or when nothing else runs (a single run was already checked against the limit).
 */
final class MemoryBudget {
    private final long limit;
    private long inUse;
    private int holders;
    private boolean closed;

    /** @param limit bytes available to runs together */
    MemoryBudget(long limit) {
        this.limit = limit;
    }

    /**
     * Waits until {@code bytes} fit, then takes them.
     *
     * @return true when taken; false when the budget was closed (the service is stopping)
     */
    synchronized boolean acquire(long bytes) throws InterruptedException {
        while (!closed && holders > 0 && bytes > limit - inUse) {
            wait();
        }
        if (closed) {
            return false;
        }
        inUse += bytes;
        holders++;
        return true;
    }

    /** Whether {@code bytes} would have to wait now. */
    synchronized boolean mustWait(long bytes) {
        return holders > 0 && bytes > limit - inUse;
    }

    /** Gives back what {@link #acquire} took. */
    synchronized void release(long bytes) {
        inUse -= bytes;
        holders--;
        notifyAll();
    }

    /** Wakes every waiter; further acquisitions fail. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized long inUse() {
        return inUse;
    }
}
