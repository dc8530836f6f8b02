package org.defrost.engine.run;

import java.util.concurrent.CancellationException;

/**
 * The in-process dispatch of work units: the step of the engine's {@code direct:defrost-units} route that runs one
 * unit of a {@link UnitBatch} on this process's threads, through {@link CachedUnitRunner}, and records its outcome
 * in the batch. A remote {@link UnitDispatcher} replaces this step; the units run through the same runner there.
 */
final class LocalUnitStep {
    private LocalUnitStep() {
    }

    /** Runs unit {@code i} of {@code batch} and records its outcome in the batch; never throws. */
    static void execute(UnitBatch batch, int i) {
        UnitTask task = batch.tasks.get(i);
        RunSession session = batch.session;
        long start = System.nanoTime();
        try {
            UnitOutcome outcome = CachedUnitRunner.execute(task.stage(), task.description(), task.inputs(), session.store,
                    session.permits, session.listener, batch.deadline);
            batch.completed(i, outcome.artifact(), outcome.cached(), seconds(start));
        } catch (CancellationException e) {
            if (batch.deadline.expired()) {
                batch.failed(i, batch.cancellationReason(e), seconds(start));
            } else {
                batch.cancelled(i);
            }
        } catch (Throwable e) {
            batch.failed(i, e, seconds(start));
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
