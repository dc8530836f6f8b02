package org.defrost.distributed;

import org.defrost.engine.run.UnitBatch;

/** A batch whose dispatch waits for the outcomes of the units it sent. Thread-safe. */
final class WaitingBatch {
    final UnitBatch batch;
    private int outstanding;

    WaitingBatch(UnitBatch batch) {
        this.batch = batch;
    }

    /** One more unit of the batch waits for an outcome. */
    synchronized void expect() {
        outstanding++;
    }

    /** A unit of the batch has its outcome. */
    synchronized void done() {
        outstanding--;
        notifyAll();
    }

    /** Waits up to {@code millis} for every outcome; true when all are in. */
    synchronized boolean awaitAll(long millis) throws InterruptedException {
        if (outstanding > 0) {
            wait(millis);
        }
        return outstanding == 0;
    }
}
