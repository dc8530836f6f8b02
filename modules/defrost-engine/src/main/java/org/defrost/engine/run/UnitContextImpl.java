package org.defrost.engine.run;

import java.util.List;
import org.defrost.engine.store.PendingArtifact;
import org.defrost.spi.ArtifactWriter;
import org.defrost.spi.Cancellation;
import org.defrost.spi.Parameters;
import org.defrost.spi.Seed;
import org.defrost.spi.UnitContext;
import org.defrost.spi.WorkUnit;

/** The context of one work unit. */
final class UnitContextImpl extends BaseContext implements UnitContext {
    private final WorkUnit unit;
    private final PendingArtifact output;

    UnitContextImpl(ContextSite site, Parameters stageParameters, Seed seed, List<ArtifactView> inputs, int threads,
                    Cancellation cancellation, WorkUnit unit, PendingArtifact output) {
        super(site, stageParameters, seed, inputs, threads, cancellation);
        this.unit = unit;
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
