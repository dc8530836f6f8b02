package org.defrost.engine.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defrost.engine.store.PendingArtifact;
import org.defrost.engine.store.StoredArtifact;
import org.defrost.spi.Artifact;
import org.defrost.spi.ArtifactWriter;
import org.defrost.spi.RunInfo;
import org.defrost.spi.Seed;
import org.defrost.spi.StageContext;
import org.defrost.spi.WorkUnit;

/** The context of one stage invocation. */
final class StageContextImpl extends BaseContext implements StageContext {
    private final Map<String, PendingArtifact> outputs;
    private final Deadline deadline;
    private final int permitsHeld;
    /** Outputs after a successful commit, by kind. */
    final Map<String, StoredArtifact> committed = new java.util.LinkedHashMap<>();
    int unitsPlanned;
    int unitsCached;

    StageContextImpl(RunSession session, Invocation inv, List<ArtifactView> inputs, Map<String, PendingArtifact> outputs,
                     int threads, Deadline deadline) {
        super(session, inv, inv.parameters(), inv.seed(), inputs, threads, deadline);
        this.outputs = outputs;
        this.deadline = deadline;
        this.permitsHeld = threads;
    }

    @Override
    public RunInfo run() {
        return session.info;
    }

    @Override
    public String stageId() {
        return invocation.stage().id();
    }

    @Override
    public Map<String, Object> matrixCell() {
        return invocation.cell();
    }

    @Override
    public int seedIndex() {
        return invocation.seedIndex();
    }

    @Override
    public int seedCount() {
        return session.pipeline.seeds();
    }

    @Override
    public Seed seedFor(int index) {
        return Invocation.seedFor(session.pipeline.seed(), index, invocation.stage().type());
    }

    @Override
    public ArtifactWriter output(String kind) {
        PendingArtifact p = outputs.get(kind);
        if (p == null) {
            throw new IllegalArgumentException("stage type '" + invocation.stage().type() + "' does not declare output kind '"
                    + kind + "'; it declares " + outputs.keySet());
        }
        return p;
    }

    @Override
    public List<Artifact> fanOut(List<WorkUnit> units) throws Exception {
        Set<String> names = new HashSet<>();
        List<UnitTask> tasks = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            WorkUnit u = units.get(i);
            if (!names.add(u.name())) {
                throw new IllegalArgumentException("two work units are named '" + u.name() + "'");
            }
            tasks.add(new UnitTask(i, u, invocation, resolve(u), 1));
        }
        session.listener.unitsPlanned(invocation.stage().type(), units.size());
        unitsPlanned += units.size();
        UnitBatch batch = new UnitBatch(tasks);
        session.permits.release(permitsHeld);
        try {
            session.producer.requestBody(session.unitsEndpoint, new UnitRequest(session, batch, deadline));
        } finally {
            session.permits.acquireUninterruptibly(permitsHeld);
        }
        List<Artifact> out = new ArrayList<>();
        int failed = 0;
        Throwable first = null;
        String firstName = null;
        for (int i = 0; i < tasks.size(); i++) {
            if (batch.failures[i] != null) {
                failed++;
                if (first == null) {
                    first = batch.failures[i];
                    firstName = tasks.get(i).unit().name();
                }
            } else {
                unitsCached += batch.cached[i] ? 1 : 0;
                StoredArtifact a = batch.results[i];
                out.add(new ArtifactView(a, invocation.cell(), invocation.seedIndex()));
            }
        }
        if (first != null) {
            throw new WorkFailedException(failed + " of " + tasks.size() + " work units failed; first: unit '" + firstName
                    + "': " + first.getMessage(), first);
        }
        return out;
    }

    private List<ArtifactView> resolve(WorkUnit u) {
        List<ArtifactView> found = new ArrayList<>();
        for (String key : u.inputs()) {
            ArtifactView view = allInputs().stream().filter(a -> a.key().equals(key)).findFirst().orElse(null);
            if (view == null) {
                StoredArtifact stored = session.store.find(key).orElseThrow(() -> new IllegalArgumentException(
                        "work unit '" + u.name() + "' names input artifact " + key + ", which does not exist"));
                view = new ArtifactView(stored, invocation.cell(), invocation.seedIndex());
            }
            found.add(view);
        }
        return found;
    }
}
