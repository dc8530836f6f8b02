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
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.WorkUnit;

/** The context of one stage invocation. */
final class StageContextImpl extends BaseContext implements StageContext {
    private final RunSession session;
    private final Invocation invocation;
    private final Map<String, PendingArtifact> outputs;
    private final Deadline deadline;
    private final int permitsHeld;
    /** Outputs after a successful commit, by kind. */
    final Map<String, StoredArtifact> committed = new java.util.LinkedHashMap<>();
    int unitsPlanned;
    int unitsCached;
    /** Keys of the units' artifacts that are in the store (cached or computed), including those of a failed fan-out. */
    final List<String> unitArtifacts = new ArrayList<>();

    StageContextImpl(RunSession session, Invocation inv, List<ArtifactView> inputs, Map<String, PendingArtifact> outputs,
                     int threads, Deadline deadline) {
        super(new ContextSite(session.listener, session.runId, inv.stage().id(), inv.stage().type()), inv.parameters(),
                inv.seed(), inputs, threads, deadline);
        this.session = session;
        this.invocation = inv;
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
        Stage stage = invocation.stage().implementation();
        StageDescriptor d = stage.descriptor();
        List<UnitTask> tasks = new ArrayList<>();
        for (WorkUnit u : units) {
            if (!names.add(u.name())) {
                throw new IllegalArgumentException("two work units are named '" + u.name() + "'");
            }
            List<ArtifactView> inputs = resolve(u);
            List<UnitDescription.Input> described = inputs.stream()
                    .map(a -> new UnitDescription.Input(a.key(), a.matrixCell(), a.seedIndex())).toList();
            UnitDescription description = new UnitDescription(session.runId, session.pipeline.name(),
                    invocation.stage().id(), d.type(), d.version(), invocation.parameters().asMap(), u, described,
                    ArtifactKeys.forUnit(d, u, inputs), 1);
            tasks.add(new UnitTask(stage, description, inputs));
        }
        session.listener.unitsPlanned(invocation.stage().type(), units.size());
        unitsPlanned += units.size();
        UnitBatch batch = new UnitBatch(session, tasks, deadline);
        session.permits.release(permitsHeld);
        try {
            session.dispatcher.dispatch(batch);
        } finally {
            session.permits.acquireUninterruptibly(permitsHeld);
        }
        List<Artifact> out = new ArrayList<>();
        int failed = 0;
        int stopped = 0;
        Throwable first = null;
        String firstName = null;
        for (int i = 0; i < tasks.size(); i++) {
            if (!batch.finished(i)) {
                batch.cancelled(i);
            }
            Throwable failure = batch.failure(i);
            if (failure != null && batch.stopped(i)) {
                stopped++;
            } else if (failure != null) {
                failed++;
                if (first == null) {
                    first = failure;
                    firstName = tasks.get(i).description().unit().name();
                }
            } else {
                unitsCached += batch.cached(i) ? 1 : 0;
                unitArtifacts.add(batch.result(i).key());
                out.add(new ArtifactView(batch.result(i), invocation.cell(), invocation.seedIndex()));
            }
        }
        if (first == null && stopped > 0) {
            throw new java.util.concurrent.CancellationException("run cancelled after " + (tasks.size() - stopped) + " of "
                    + tasks.size() + " work units");
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
