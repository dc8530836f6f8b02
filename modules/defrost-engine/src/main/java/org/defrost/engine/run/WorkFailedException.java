package org.defrost.engine.run;

/** A stage invocation or work unit failed; the message names which, and the cause says why. */
public final class WorkFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public WorkFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
