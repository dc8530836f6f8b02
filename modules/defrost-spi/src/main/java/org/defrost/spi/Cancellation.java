package org.defrost.spi;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The signal that the run is being stopped (Ctrl-C, SIGTERM, a time limit). Long loops poll it at
 * least once per minibatch or equivalent, and stop by throwing {@link CancellationException}.
 */
public interface Cancellation extends BooleanSupplier {

    /** Whether the run is being stopped. */
    boolean isCancelled();

    @Override
    default boolean getAsBoolean() {
        return isCancelled();
    }

    /** Throws {@link CancellationException} if the run is being stopped. */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancellationException("run cancelled");
        }
    }
}
