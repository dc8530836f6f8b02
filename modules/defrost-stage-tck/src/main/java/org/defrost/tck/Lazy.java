package org.defrost.tck;

/**
 * A value computed on first use and kept, failure included, so that checks sharing an expensive run do not
 * repeat it (a failed run fails every check that needs it, with the same cause).
 */
final class Lazy<T> {
    /** The computation. */
    @FunctionalInterface
    interface Computation<T> {
        T compute() throws Exception;
    }

    private final Computation<T> computation;
    private boolean done;
    private T value;
    private Throwable failure;

    Lazy(Computation<T> computation) {
        this.computation = computation;
    }

    synchronized T get() throws Exception {
        if (!done) {
            try {
                value = computation.compute();
            } catch (Exception | Error e) {
                failure = e;
            }
            done = true;
        }
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return value;
    }
}
