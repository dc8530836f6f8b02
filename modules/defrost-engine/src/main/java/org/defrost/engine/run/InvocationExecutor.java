package org.defrost.engine.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.defrost.engine.store.KeyLock;
import org.defrost.engine.store.Manifest;
import org.defrost.engine.store.OsErrors;
import org.defrost.engine.store.PendingArtifact;
import org.defrost.engine.store.StoredArtifact;
import org.defrost.spi.RunRecordData;
import org.defrost.spi.Stage;
import org.defrost.spi.StageDescriptor;

/**
 * Runs one stage invocation: resolves its inputs, computes its output keys, serves it from the store
 * when every output exists intact, and otherwise runs the stage and commits its outputs atomically. The
 * first output key's {@link org.defrost.engine.store.ArtifactStore#lock lock} is held meanwhile, so that runs
 * sharing the workspace compute an invocation once.
 */
final class InvocationExecutor {
    private InvocationExecutor() {
    }

    /**
     * Executes {@code inv} and records how it ended in the run record: only outputs that are in the store are
     * recorded, and an invocation stopped with the run is recorded as {@code cancelled}, not failed.
     *
     * @param waveSize how many invocations of this stage run in the same wave (to share threads)
     * @throws WorkFailedException naming the invocation, when the stage fails or is stopped
     */
    static void execute(RunSession session, Invocation inv, int waveSize) throws WorkFailedException {
        long start = System.nanoTime();
        Stage stage = inv.stage().implementation();
        StageDescriptor d = stage.descriptor();
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, PendingArtifact> pending = new LinkedHashMap<>();
        StageContextImpl context = null;
        try {
            session.control.throwIfCancelled();
            List<ArtifactView> inputs = new ArrayList<>();
            for (String kind : d.allConsumed()) {
                inputs.addAll(session.inputs(inv, kind));
            }
            Map<String, String> files = stage.fileDigests(inv.parameters());
            for (String kind : d.produces()) {
                keys.put(kind, ArtifactKeys.forInvocation(d, inv.parameters().asMap(), inputs, files, inv.seed().value(), kind,
                        d.reusable() ? null : session.runId));
            }
            Map<String, StoredArtifact> outputs;
            boolean cached;
            try (KeyLock lock = keys.isEmpty() ? null : session.store.lock(keys.values().iterator().next(), session.control)) {
                outputs = findAll(session, keys);
                cached = outputs != null;
                if (!cached) {
                    int threads = session.threadsPerInvocation(waveSize);
                    Deadline deadline = new Deadline(session.control,
                            inv.stage().timeout() != null ? inv.stage().timeout() : session.defaultTimeout);
                    for (String kind : keys.keySet()) {
                        pending.put(kind, session.store.begin(kind));
                    }
                    context = new StageContextImpl(session, inv, inputs, pending, threads, deadline);
                    compute(session, inv, stage, context, pending, inputs, keys, threads, deadline);
                    outputs = context.committed;
                }
            }
            session.putOutputs(inv, outputs);
            double seconds = (System.nanoTime() - start) / 1e9;
            session.record.invocation(entry(inv, cached ? "cached" : "computed", seconds, outputs, context, null));
            session.listener.invocationFinished(inv, cached, seconds);
        } catch (Exception | Error e) {
            // Errors too (an AssertionError, a StackOverflowError in a stage): one must fail the run, not hang it.
            pending.values().forEach(session.store::discard);
            boolean stopped = session.control.isCancelled();
            String message = stopped ? stopMessage(context) : describe(e);
            Map<String, StoredArtifact> written = context == null ? Map.of() : context.committed;
            session.record.invocation(entry(inv, stopped ? RunRecord.CANCELLED : RunRecord.FAILED,
                    (System.nanoTime() - start) / 1e9, written, context, message));
            if (stopped) {
                session.listener.invocationCancelled(inv);
            } else {
                session.listener.invocationFailed(inv, e);
            }
            throw new WorkFailedException("stage '" + inv.stage().id() + "' (" + inv.stage().type() + ") "
                    + (stopped ? "stopped" : "failed") + " for " + inv.label() + ": " + message, e);
        }
    }

    private static String stopMessage(StageContextImpl context) {
        if (context == null || context.unitsPlanned == 0) {
            return "run cancelled";
        }
        return "run cancelled after " + context.unitArtifacts.size() + " of " + context.unitsPlanned + " work units";
    }

    private static RunRecordData.InvocationEntry entry(Invocation inv, String status, double seconds,
                                                       Map<String, StoredArtifact> outputs, StageContextImpl context,
                                                       String error) {
        Map<String, String> keys = new LinkedHashMap<>();
        outputs.forEach((kind, a) -> keys.put(kind, a.key()));
        RunRecordData.UnitCounts units = null;
        List<String> unitKeys = List.of();
        if (context != null && context.unitsPlanned > 0) {
            int done = context.unitArtifacts.size();
            units = new RunRecordData.UnitCounts(context.unitsPlanned, context.unitsCached, done - context.unitsCached);
            unitKeys = List.copyOf(context.unitArtifacts);
        }
        return new RunRecordData.InvocationEntry(inv.stage().id(), inv.stage().type(), inv.cell(), inv.seedIndex(), status,
                Math.round(seconds * 1000) / 1000.0, keys, units, unitKeys, error);
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

    /** Runs the stage and commits its outputs into {@code context.committed}. */
    private static void compute(RunSession session, Invocation inv, Stage stage, StageContextImpl context,
                                Map<String, PendingArtifact> pending, List<ArtifactView> inputs, Map<String, String> keys,
                                int threads, Deadline deadline) throws Exception {
        session.permits.acquireUninterruptibly(threads);
        try {
            try {
                stage.run(context);
            } catch (CancellationException e) {
                if (deadline.expired()) {
                    throw new CancellationException("stage exceeded its time limit of " + Durations.format(deadline.limit()));
                }
                throw e;
            }
            deadline.throwIfCancelled();
            StageDescriptor d = stage.descriptor();
            for (Map.Entry<String, PendingArtifact> e : pending.entrySet()) {
                StoredArtifact a = session.store.commit(e.getValue(), keys.get(e.getKey()),
                        new Manifest.Producer(d.type(), d.version(), inv.stage().id(), session.pipeline.name()),
                        inv.parameters().asMap(), ArtifactKeys.refs(inputs), inv.seed().value());
                session.listener.artifactWritten(a.kind(), a.bytes());
                context.committed.put(e.getKey(), a);
            }
        } finally {
            session.permits.release(threads);
        }
    }

    /** One line saying why a stage failed; file-system errors keep their reason and path. */
    static String describe(Throwable e) {
        if (OsErrors.find(e) != null && (e instanceof java.nio.file.FileSystemException
                || e instanceof java.io.UncheckedIOException || e.getCause() instanceof java.nio.file.FileSystemException)) {
            return OsErrors.describe(e instanceof java.nio.file.FileSystemException ? e : OsErrors.find(e));
        }
        String m = e.getMessage();
        String base = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        if (e instanceof NullPointerException || e instanceof ClassCastException || e instanceof IndexOutOfBoundsException
                || e instanceof ArithmeticException) {
            base = e.getClass().getSimpleName() + ": " + base;
        }
        return base;
    }
}
