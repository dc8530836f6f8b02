package org.defrost.distributed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.defrost.engine.run.UnitBatch;

/**
 * The units a dispatcher sent and not yet settled, by output key, with the batches waiting for each (several
 * invocations may wait for one key) and the last error a worker reported for it. Thread-safe.
 */
final class PendingUnits {
    private final Map<String, Entry> byKey = new HashMap<>();

    /** Unit {@code index} of a waiting batch. */
    record Waiter(WaitingBatch waiting, int index) {
        UnitBatch batch() {
            return waiting.batch;
        }
    }

    private static final class Entry {
        final List<Waiter> waiters = new ArrayList<>();
        String lastError;
    }

    /** Unit {@code index} of {@code waiting} waits for {@code key}; true when nobody did, so the unit must be sent. */
    synchronized boolean await(String key, WaitingBatch waiting, int index) {
        Entry e = byKey.computeIfAbsent(key, k -> new Entry());
        e.waiters.add(new Waiter(waiting, index));
        waiting.expect();
        return e.waiters.size() == 1;
    }

    /** Records the error of a failed delivery attempt of {@code key}, if anybody waits for it. */
    synchronized void attemptFailed(String key, String error) {
        Entry e = byKey.get(key);
        if (e != null) {
            e.lastError = error;
            notifyAll();
        }
    }

    /** The last error reported for {@code key}, waiting up to {@code millis} for one; null when none came. */
    synchronized String lastError(String key, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        Entry e = byKey.get(key);
        while (e != null && e.lastError == null && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
            e = byKey.get(key);
        }
        return e == null ? null : e.lastError;
    }

    /** Settles {@code key}: every unit waiting for it gets its outcome from {@code outcome}, in the order they came. */
    void finish(String key, Consumer<Waiter> outcome) {
        Entry e;
        synchronized (this) {
            e = byKey.remove(key);
        }
        if (e != null) {
            for (Waiter w : e.waiters) {
                outcome.accept(w);
                w.waiting().done();
            }
        }
    }

    /** Forgets the units of {@code waiting}; returns the keys that nobody waits for any more. */
    synchronized List<String> abandon(WaitingBatch waiting) {
        List<String> orphans = new ArrayList<>();
        byKey.entrySet().removeIf(e -> {
            e.getValue().waiters.removeIf(w -> w.waiting() == waiting);
            if (e.getValue().waiters.isEmpty()) {
                orphans.add(e.getKey());
                return true;
            }
            return false;
        });
        return orphans;
    }
}
