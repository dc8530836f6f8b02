package org.defrost.spi;

/** What one run of {@link Stage#runUnit} receives. */
public interface UnitContext extends ExecutionContext {

    /** The unit to run. */
    WorkUnit unit();

    /** The writer of the unit's single output artifact (of kind {@link WorkUnit#outputKind()}). */
    ArtifactWriter output();
}
