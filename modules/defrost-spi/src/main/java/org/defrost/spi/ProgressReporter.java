package org.defrost.spi;

/** Tells the user how far a stage has got. Cheap to call; safe from any thread. */
public interface ProgressReporter {

    /**
     * Reports progress within the current invocation or unit.
     *
     * @param done  units of work finished (e.g. epochs)
     * @param total units of work expected; 0 when unknown
     */
    void progress(long done, long total);

    /** A short status line, e.g. {@code "epoch 12: validation error 0.083"}. */
    void status(String message);
}
