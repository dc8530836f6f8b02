package org.defrost.engine.run;

import java.util.List;
import java.util.concurrent.CancellationException;
import org.defrost.engine.store.StoredArtifact;
import org.defrost.spi.Cancellation;

/**
 * The work units one stage invocation fanned out, on their way through a {@link UnitDispatcher}, with a
 * slot per unit for its outcome. Thread-safe: outcomes may arrive from any thread and in any order; the
 * first outcome of a unit counts and later ones (a unit delivered twice) are ignored.
 */
public final class UnitBatch {
    final RunSession session;
    final List<UnitTask> tasks;
    final Deadline deadline;
    private final StoredArtifact[] results;
    private final Throwable[] failures;
    private final boolean[] cached;
    private final boolean[] finished;
    private final boolean[] stopped;

    UnitBatch(RunSession session, List<UnitTask> tasks, Deadline deadline) {
        this.session = session;
        this.tasks = List.copyOf(tasks);
        this.deadline = deadline;
        this.results = new StoredArtifact[tasks.size()];
        this.failures = new Throwable[tasks.size()];
        this.cached = new boolean[tasks.size()];
        this.finished = new boolean[tasks.size()];
        this.stopped = new boolean[tasks.size()];
    }

    /** How many units the batch holds. */
    public int size() {
        return tasks.size();
    }

    /** Unit {@code i}, as a self-contained description. */
    public UnitDescription description(int i) {
        return tasks.get(i).description();
    }

    /** Fires when the run is stopped or the invocation's time limit passes. */
    public Cancellation cancellation() {
        return deadline;
    }

    /** Whether unit {@code i} has an outcome. */
    public synchronized boolean finished(int i) {
        return finished[i];
    }

    /** Records that unit {@code i} finished with {@code artifact}; {@code seconds} is how long it took. */
    public void completed(int i, StoredArtifact artifact, boolean fromCache, double seconds) {
        synchronized (this) {
            if (finished[i]) {
                return;
            }
            finished[i] = true;
            results[i] = artifact;
            cached[i] = fromCache;
        }
        session.listener.unitFinished(tasks.get(i).description().stageType(), fromCache, false, seconds);
    }

    /** Records that unit {@code i} failed with {@code error}. */
    public void failed(int i, Throwable error, double seconds) {
        synchronized (this) {
            if (finished[i]) {
                return;
            }
            finished[i] = true;
            failures[i] = error;
        }
        session.listener.unitFinished(tasks.get(i).description().stageType(), false, true, seconds);
    }

    /**
     * Records that unit {@code i} was stopped by {@link #cancellation()}: a failure when the invocation's time limit
     * passed, a stop (neither failed nor done) when the run is being stopped.
     */
    public void cancelled(int i) {
        if (deadline.expired()) {
            failed(i, cancellationReason(null), 0);
            return;
        }
        synchronized (this) {
            if (finished[i]) {
                return;
            }
            finished[i] = true;
            stopped[i] = true;
            failures[i] = new CancellationException("run cancelled");
        }
        session.listener.unitCancelled(tasks.get(i).description().stageType());
    }

    /** The failure to record for a unit stopped by cancellation: the time limit when it passed, else {@code e}. */
    CancellationException cancellationReason(CancellationException e) {
        if (deadline.expired()) {
            return new CancellationException("stage exceeded its time limit of " + Durations.format(deadline.limit()));
        }
        return e != null ? e : new CancellationException("run cancelled");
    }

    synchronized StoredArtifact result(int i) {
        return results[i];
    }

    synchronized Throwable failure(int i) {
        return failures[i];
    }

    /** Whether unit {@code i} was stopped with the run rather than failing. */
    synchronized boolean stopped(int i) {
        return stopped[i];
    }

    synchronized boolean cached(int i) {
        return cached[i];
    }
}
