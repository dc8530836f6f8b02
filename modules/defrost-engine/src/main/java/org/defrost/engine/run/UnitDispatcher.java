package org.defrost.engine.run;

/**
 * Where the work units of a run go. By default a {@link PipelineRunner} runs them on its own threads;
 * a runner created with another dispatcher hands them to it, for example to ship them through a message
 * broker to worker processes that share the workspace. Stage invocations themselves always run in the
 * runner's process.
 *
 * <p>Several invocations fan out at the same time, so {@link #dispatch} is called concurrently.
 */
public interface UnitDispatcher {

    /**
     * Runs every unit of {@code batch} and reports each one's outcome through {@link UnitBatch#completed} or
     * {@link UnitBatch#failed}, returning once every unit has one. When {@link UnitBatch#cancellation()}
     * fires it may return early: units left without an outcome are reported cancelled.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void dispatch(UnitBatch batch) throws InterruptedException;
}
