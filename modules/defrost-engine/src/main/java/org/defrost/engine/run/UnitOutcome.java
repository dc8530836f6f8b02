package org.defrost.engine.run;

import org.defrost.engine.store.StoredArtifact;

/**
 * A finished work unit.
 *
 * @param artifact the unit's output in the store
 * @param cached   whether it was already there (the unit did not run)
 */
public record UnitOutcome(StoredArtifact artifact, boolean cached) {
}
