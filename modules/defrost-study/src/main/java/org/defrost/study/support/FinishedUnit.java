package org.defrost.study.support;

import org.defrost.spi.Artifact;

/**
 * A unit that has run, with the artifact it wrote (computed now or found in the store).
 *
 * @param plan     the unit as planned
 * @param artifact its output
 */
public record FinishedUnit<T, U extends Record>(PlannedUnit<T, U> plan, Artifact artifact) {
    /** The planning stage's tag of the unit. */
    public T tag() {
        return plan.tag();
    }

    /** The unit's record. */
    public U unit() {
        return plan.unit();
    }
}
