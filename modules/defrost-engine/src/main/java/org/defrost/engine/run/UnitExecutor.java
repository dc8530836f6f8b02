package org.defrost.engine.run;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.defrost.engine.store.Manifest;
import org.defrost.engine.store.PendingArtifact;
import org.defrost.engine.store.StoredArtifact;
import org.defrost.spi.Stage;
import org.defrost.spi.StageDescriptor;

/** Runs one work unit: from the store when its artifact exists, else through {@link Stage#runUnit}. */
final class UnitExecutor {
    private UnitExecutor() {
    }

    /** Processes task {@code i} of the request, storing the artifact or failure in the batch; never throws. */
    static void execute(RunSession session, UnitRequest request, int i) {
        UnitBatch batch = request.batch();
        UnitTask task = batch.tasks.get(i);
        Stage stage = task.invocation().stage().stage().stage();
        StageDescriptor d = stage.descriptor();
        long start = System.nanoTime();
        boolean cached = false;
        try {
            String key = ArtifactKeys.forUnit(d, task.unit(), task.inputs());
            synchronized (session.lockFor(key)) {
                Optional<StoredArtifact> hit = session.store.find(key);
                if (hit.isPresent()) {
                    batch.results[i] = hit.get();
                    cached = true;
                } else {
                    request.deadline().throwIfCancelled();
                    batch.results[i] = compute(session, request, task, stage, key);
                }
            }
            batch.cached[i] = cached;
        } catch (CancellationException e) {
            batch.failures[i] = request.deadline().expired()
                    ? new CancellationException("stage exceeded its time limit of " + request.deadline().limit())
                    : e;
        } catch (Throwable e) {
            batch.failures[i] = e;
        }
        session.listener.unitFinished(d.type(), cached, batch.failures[i] != null, (System.nanoTime() - start) / 1e9);
    }

    private static StoredArtifact compute(RunSession session, UnitRequest request, UnitTask task, Stage stage, String key)
            throws Exception {
        PendingArtifact out = session.store.begin(task.unit().outputKind());
        session.permits.acquireUninterruptibly(task.threads());
        try {
            stage.runUnit(new UnitContextImpl(session, task, out, request.deadline()));
            StageDescriptor d = stage.descriptor();
            StoredArtifact stored = session.store.commit(out, key,
                    new Manifest.Producer(d.type(), d.version(), task.invocation().stage().id(), session.pipeline.name()),
                    task.unit().parameters(), ArtifactKeys.refs(task.inputs()), task.unit().seed());
            session.listener.artifactWritten(stored.kind(), stored.bytes());
            return stored;
        } catch (Throwable e) {
            session.store.discard(out);
            throw e;
        } finally {
            session.permits.release(task.threads());
        }
    }
}
