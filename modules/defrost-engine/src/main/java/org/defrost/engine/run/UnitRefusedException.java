package org.defrost.engine.run;

/**
 * A process cannot run a work unit as the run planned it (unknown or different stage, missing input,
 * disagreeing key): running it again in the same process cannot help. The message says what differs.
 */
public final class UnitRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnitRefusedException(String message) {
        super(message);
    }
}
