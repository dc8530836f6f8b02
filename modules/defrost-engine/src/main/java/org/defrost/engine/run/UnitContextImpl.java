package org.defrost.engine.run;

import org.defrost.engine.store.PendingArtifact;
import org.defrost.spi.ArtifactWriter;
import org.defrost.spi.Cancellation;
import org.defrost.spi.Seed;
import org.defrost.spi.UnitContext;
import org.defrost.spi.WorkUnit;

/** The context of one work unit. */
final class UnitContextImpl extends BaseContext implements UnitContext {
    private final WorkUnit unit;
    private final PendingArtifact output;

    UnitContextImpl(RunSession session, UnitTask task, PendingArtifact output, Cancellation cancellation) {
        super(session, task.invocation(), task.invocation().parameters(), Seed.of(task.unit().seed()), task.inputs(),
                task.threads(), cancellation);
        this.unit = task.unit();
        this.output = output;
    }

    @Override
    public WorkUnit unit() {
        return unit;
    }

    @Override
    public ArtifactWriter output() {
        return output;
    }
}
