package org.defrost.tck;

/**
 * When the cancellation checks cancel the run. Whichever point is chosen, a stage that reaches none of them
 * is cancelled when its {@code run} method returns, before the engine commits its outputs.
 */
public enum CancelAt {
    /** At the stage's first progress report or metric, or as its first work unit starts, whichever is first. */
    FIRST_REPORT,
    /**
     * As the stage's first work unit starts, ignoring earlier reports: for stages that report before they
     * fan out, so that the check exercises the units' own polling.
     */
    FIRST_WORK_UNIT
}
