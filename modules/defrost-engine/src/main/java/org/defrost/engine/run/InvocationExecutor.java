package org.defrost.engine.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.defrost.engine.store.Manifest;
import org.defrost.engine.store.PendingArtifact;
import org.defrost.engine.store.StoredArtifact;
import org.defrost.spi.Stage;
import org.defrost.spi.StageDescriptor;

/**
 * Runs one stage invocation: resolves its inputs, computes its output keys, serves it from the store
 * when every output exists intact, and otherwise runs the stage and commits its outputs atomically.
 */
final class InvocationExecutor {
    private InvocationExecutor() {
    }

    /**
     * Executes {@code inv}.
     *
     * @param waveSize how many invocations of this stage run in the same wave (to share threads)
     * @throws WorkFailedException naming the invocation, when the stage fails or is cancelled
     */
    static void execute(RunSession session, Invocation inv, int waveSize) throws WorkFailedException {
        long start = System.nanoTime();
        Stage stage = inv.stage().implementation();
        StageDescriptor d = stage.descriptor();
        Map<String, String> keys = new LinkedHashMap<>();
        try {
            session.control.throwIfCancelled();
            List<ArtifactView> inputs = new ArrayList<>();
            for (String kind : d.allConsumed()) {
                inputs.addAll(session.inputs(inv, kind));
            }
            for (String kind : d.produces()) {
                keys.put(kind, ArtifactKeys.forInvocation(d, inv.parameters().asMap(), inputs, inv.seed().value(), kind,
                        d.reusable() ? null : session.runId));
            }
            String lockKey = keys.isEmpty() ? inv.label() : keys.values().iterator().next();
            Map<String, StoredArtifact> outputs;
            Map<String, Integer> units = null;
            boolean cached;
            synchronized (session.lockFor(lockKey)) {
                outputs = findAll(session, keys);
                cached = outputs != null;
                if (!cached) {
                    int threads = session.threadsPerInvocation(waveSize);
                    Deadline deadline = new Deadline(session.control,
                            inv.stage().timeout() != null ? inv.stage().timeout() : session.defaultTimeout);
                    StageContextImpl context = compute(session, inv, stage, inputs, keys, threads, deadline);
                    outputs = context.committed;
                    if (context.unitsPlanned > 0) {
                        units = Map.of("planned", context.unitsPlanned, "cached", context.unitsCached,
                                "computed", context.unitsPlanned - context.unitsCached);
                    }
                }
            }
            session.putOutputs(inv, outputs);
            double seconds = (System.nanoTime() - start) / 1e9;
            session.record.invocation(inv, cached ? "cached" : "computed", seconds, keys, units, null);
            session.listener.invocationFinished(inv, cached, seconds);
        } catch (Exception | Error e) {
            // Errors too (an AssertionError, a StackOverflowError in a stage): one must fail the run, not hang it.
            String message = describe(e);
            session.record.invocation(inv, "failed", (System.nanoTime() - start) / 1e9, keys, null, message);
            session.listener.invocationFailed(inv, e);
            throw new WorkFailedException("stage '" + inv.stage().id() + "' (" + inv.stage().type() + ") failed for "
                    + inv.label() + ": " + message, e);
        }
    }

    private static Map<String, StoredArtifact> findAll(RunSession session, Map<String, String> keys) {
        Map<String, StoredArtifact> found = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : keys.entrySet()) {
            Optional<StoredArtifact> a = session.store.find(e.getValue());
            if (a.isEmpty()) {
                return null;
            }
            found.put(e.getKey(), a.get());
        }
        return found;
    }

    /** Runs the stage and commits its outputs; the returned context holds them and the unit counts. */
    private static StageContextImpl compute(RunSession session, Invocation inv, Stage stage, List<ArtifactView> inputs,
                                            Map<String, String> keys, int threads, Deadline deadline) throws Exception {
        Map<String, PendingArtifact> pending = new LinkedHashMap<>();
        session.permits.acquireUninterruptibly(threads);
        try {
            for (String kind : keys.keySet()) {
                pending.put(kind, session.store.begin(kind));
            }
            StageContextImpl context = new StageContextImpl(session, inv, inputs, pending, threads, deadline);
            try {
                stage.run(context);
            } catch (CancellationException e) {
                if (deadline.expired()) {
                    throw new CancellationException("stage exceeded its time limit of " + deadline.limit());
                }
                throw e;
            }
            deadline.throwIfCancelled();
            StageDescriptor d = stage.descriptor();
            Map<String, StoredArtifact> committed = context.committed;
            for (Map.Entry<String, PendingArtifact> e : pending.entrySet()) {
                StoredArtifact a = session.store.commit(e.getValue(), keys.get(e.getKey()),
                        new Manifest.Producer(d.type(), d.version(), inv.stage().id(), session.pipeline.name()),
                        inv.parameters().asMap(), ArtifactKeys.refs(inputs), inv.seed().value());
                session.listener.artifactWritten(a.kind(), a.bytes());
                committed.put(e.getKey(), a);
            }
            return context;
        } catch (Exception | Error e) {
            pending.values().forEach(session.store::discard);
            throw e;
        } finally {
            session.permits.release(threads);
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        String base = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        if (e instanceof NullPointerException || e instanceof ClassCastException || e instanceof IndexOutOfBoundsException
                || e instanceof ArithmeticException) {
            base = e.getClass().getSimpleName() + ": " + base;
        }
        return base;
    }
}
