package org.defrost.monitoring;

import java.util.List;
import java.util.function.Consumer;
import org.defrost.engine.run.Invocation;
import org.defrost.engine.run.RunListener;

/** Combines run listeners, e.g. a progress display and metrics. */
public final class RunListeners {
    private RunListeners() {
    }

    /**
     * A listener that passes every event to each of {@code listeners}, in order. Every listener hears every
     * event even when an earlier one throws; the first exception is rethrown after all have been called.
     */
    public static RunListener compose(RunListener... listeners) {
        List<RunListener> all = List.of(listeners);
        return new RunListener() {
            private void each(Consumer<RunListener> event) {
                RuntimeException first = null;
                for (RunListener l : all) {
                    try {
                        event.accept(l);
                    } catch (RuntimeException e) {
                        if (first == null) {
                            first = e;
                        } else {
                            first.addSuppressed(e);
                        }
                    }
                }
                if (first != null) {
                    throw first;
                }
            }

            @Override
            public void runStarted(String runId, String pipeline, int invocations) {
                each(l -> l.runStarted(runId, pipeline, invocations));
            }

            @Override
            public void stageStarted(String stageId, String stageType, int invocations) {
                each(l -> l.stageStarted(stageId, stageType, invocations));
            }

            @Override
            public void invocationFinished(Invocation invocation, boolean cached, double seconds) {
                each(l -> l.invocationFinished(invocation, cached, seconds));
            }

            @Override
            public void invocationFailed(Invocation invocation, Throwable error) {
                each(l -> l.invocationFailed(invocation, error));
            }

            @Override
            public void invocationCancelled(Invocation invocation) {
                each(l -> l.invocationCancelled(invocation));
            }

            @Override
            public void unitCancelled(String stageType) {
                each(l -> l.unitCancelled(stageType));
            }

            @Override
            public void unitsPlanned(String stageType, int count) {
                each(l -> l.unitsPlanned(stageType, count));
            }

            @Override
            public void unitFinished(String stageType, boolean cached, boolean failed, double seconds) {
                each(l -> l.unitFinished(stageType, cached, failed, seconds));
            }

            @Override
            public void status(String stageId, String message) {
                each(l -> l.status(stageId, message));
            }

            @Override
            public void metric(String stageType, String name, MetricKind kind, double value) {
                each(l -> l.metric(stageType, name, kind, value));
            }

            @Override
            public void artifactWritten(String kind, long bytes) {
                each(l -> l.artifactWritten(kind, bytes));
            }

            @Override
            public void runFinished(String runId, String pipeline, String status, double seconds) {
                each(l -> l.runFinished(runId, pipeline, status, seconds));
            }
        };
    }
}
