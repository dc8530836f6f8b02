package org.defrost.engine.run;

import java.time.Duration;
import org.defrost.spi.Cancellation;

/** Cancellation of one invocation: the run's, or the stage's time limit passing. */
final class Deadline implements Cancellation {
    private final Cancellation run;
    private final long deadlineNanos;
    private final Duration limit;

    Deadline(Cancellation run, Duration limit) {
        this.run = run;
        this.limit = limit;
        this.deadlineNanos = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
    }

    @Override
    public boolean isCancelled() {
        return run.isCancelled() || expired();
    }

    boolean expired() {
        return limit != null && System.nanoTime() - deadlineNanos > 0;
    }

    Duration limit() {
        return limit;
    }
}
