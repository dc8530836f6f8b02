package org.defrost.distributed;

/** A work unit that workers could not finish: it used up its delivery attempts. The message gives the last error. */
public final class WorkerFailureException extends Exception {
    private static final long serialVersionUID = 1L;

    public WorkerFailureException(String message) {
        super(message);
    }
}
