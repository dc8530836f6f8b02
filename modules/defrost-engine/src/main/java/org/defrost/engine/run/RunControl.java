package org.defrost.engine.run;

import java.util.concurrent.atomic.AtomicBoolean;
import org.defrost.spi.Cancellation;

/** Stops a run: Ctrl-C, SIGTERM or a caller flips it; every stage and unit polls it. */
public final class RunControl implements Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Asks the run to stop; running stages stop at their next poll and nothing new starts. */
    public void cancel() {
        cancelled.set(true);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }
}
