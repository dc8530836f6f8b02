package org.defrost.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineStage;
import org.defrost.engine.run.Invocation;
import org.defrost.engine.run.RunListener;
import org.defrost.engine.run.RunRecord;

/**
 * Turns the events of one run of a pipeline into meters, tagged with the pipeline's name; the run id is
 * never used. When the run starts, every counter the run can add to is created at zero.
 */
final class RunMetricsListener implements RunListener {
    static final String COMPUTED = "computed";
    static final String CACHED = "cached";
    static final String FAILED = "failed";
    private static final String[] OUTCOMES = {COMPUTED, CACHED, FAILED};
    private static final String[] RUN_STATUSES = {RunRecord.SUCCEEDED, RunRecord.FAILED, RunRecord.CANCELLED};
    private final DefrostMetrics metrics;
    private final MeterRegistry registry;
    private final Pipeline pipeline;
    final RunProgress progress = new RunProgress();
    private final Map<String, Integer> running = new ConcurrentHashMap<>();
    private final Tags tags;
    private final PipelineMeters meters;

    RunMetricsListener(DefrostMetrics metrics, Pipeline pipeline) {
        this.metrics = metrics;
        this.registry = metrics.registry();
        this.pipeline = pipeline;
        this.tags = Tags.of(DefrostMetrics.PIPELINE, pipeline.name());
        this.meters = metrics.pipeline(pipeline.name());
    }

    @Override
    public void runStarted(String runId, String pipelineName, int invocations) {
        progress.invocationsPlanned(invocations);
        counter("defrost.runs.started", "Pipeline runs started", tags).increment();
        createCountersAtZero();
        meters.runStarted(this);
    }

    /**
     * Every counter this run can add to, at zero, so that its first count is an increase Prometheus sees; and
     * the duration histograms the dashboard charts (runs, computed invocations and cells), whose buckets are
     * counters too. Histograms of cache hits and failures appear at their first record, to keep the series few.
     */
    private void createCountersAtZero() {
        for (String status : RUN_STATUSES) {
            runsFinished(status);
            runDuration(status);
        }
        for (PipelineStage stage : pipeline.stages()) {
            String type = stage.type();
            cellsPlanned(type);
            invocationDuration(type, false);
            cellDuration(type, COMPUTED);
            for (String outcome : OUTCOMES) {
                invocations(type, outcome);
                cellsFinished(type, outcome);
            }
            invocations(type, RunRecord.CANCELLED);
            for (String kind : stage.descriptor().produces()) {
                bytesWritten(kind);
                artifactsWritten(kind);
            }
            for (String name : stage.implementation().counters()) {
                if (metrics.acceptStageMetricName(name)) {
                    stageCounter(type, name);
                }
            }
        }
    }

    @Override
    public void stageStarted(String stageId, String stageType, int invocations) {
        running.merge(stageType, invocations, Integer::sum);
        meters.invocationsStarted(stageType, invocations);
    }

    @Override
    public void invocationFinished(Invocation invocation, boolean cached, double seconds) {
        String type = invocation.stage().type();
        invocations(type, cached ? CACHED : COMPUTED).increment();
        invocationDuration(type, cached).record(toDuration(seconds));
        invocationEnded(type);
    }

    @Override
    public void invocationFailed(Invocation invocation, Throwable error) {
        String type = invocation.stage().type();
        invocations(type, FAILED).increment();
        invocationEnded(type);
    }

    /** A stop is not a failure: counted as {@code outcome="cancelled"}. */
    @Override
    public void invocationCancelled(Invocation invocation) {
        String type = invocation.stage().type();
        invocations(type, RunRecord.CANCELLED).increment();
        invocationEnded(type);
    }

    private void invocationEnded(String stageType) {
        progress.workFinished();
        running.merge(stageType, -1, Integer::sum);
        meters.invocationFinished();
        meters.invocationsEnded(stageType, 1);
    }

    @Override
    public void unitsPlanned(String stageType, int count) {
        cellsPlanned(stageType).increment(count);
        meters.cellsPlanned(this, count);
    }

    @Override
    public void unitFinished(String stageType, boolean cached, boolean failed, double seconds) {
        String outcome = failed ? FAILED : cached ? CACHED : COMPUTED;
        cellsFinished(stageType, outcome).increment();
        cellDuration(stageType, outcome).record(toDuration(seconds));
        progress.cellFinished();
        meters.cellFinished();
    }

    @Override
    public void metric(String stageType, String name, MetricKind kind, double value) {
        if (!metrics.acceptStageMetricName(name)) {
            return;
        }
        Tags t = stageTags(stageType);
        switch (kind) {
            case COUNTER -> {
                // a count of 0 creates the counter at zero; negative and non-finite amounts are ignored
                if (value >= 0 && Double.isFinite(value)) {
                    stageCounter(stageType, name).increment(value);
                }
            }
            case GAUGE -> meters.stageGauge(stageType, name, value);
            case TIMER_SECONDS -> Timer.builder(DefrostMetrics.STAGE_PREFIX + name)
                    .description("Timed by " + stageType + " stages as " + name).tags(t).register(registry)
                    .record(toDuration(value));
        }
    }

    @Override
    public void artifactWritten(String kind, long bytes) {
        bytesWritten(kind).increment(bytes);
        artifactsWritten(kind).increment();
    }

    @Override
    public void runFinished(String runId, String pipeline, String status, double seconds) {
        runsFinished(status).increment();
        runDuration(status).record(toDuration(seconds));
        meters.runFinished(this);
    }

    /** Invocations still running per stage type, for a run that ends before they report. */
    Map<String, Integer> runningInvocations() {
        Map<String, Integer> left = new HashMap<>();
        running.forEach((type, n) -> {
            if (n > 0) {
                left.put(type, n);
            }
        });
        return left;
    }

    private Tags stageTags(String stageType) {
        return tags.and(DefrostMetrics.STAGE_TYPE, stageType);
    }

    /** The counter a stage adds to as {@code name}; a {@code _total} suffix is dropped, Prometheus adds it. */
    private Counter stageCounter(String stageType, String name) {
        String base = name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
        return counter(DefrostMetrics.STAGE_PREFIX + base, "Counted by " + stageType + " stages as " + name,
                stageTags(stageType));
    }

    private Timer runDuration(String status) {
        return Timer.builder("defrost.run.duration").description("Duration of pipeline runs")
                .tags(tags).tag(DefrostMetrics.STATUS, status).register(registry);
    }

    private Timer invocationDuration(String stageType, boolean cached) {
        return Timer.builder("defrost.invocation.duration").description("Duration of stage invocations, by stage type")
                .tags(stageTags(stageType)).tag(DefrostMetrics.CACHED, Boolean.toString(cached)).register(registry);
    }

    private Timer cellDuration(String stageType, String outcome) {
        return Timer.builder("defrost.cell.duration").description("Duration of work units (sweep cells), by outcome")
                .tags(stageTags(stageType)).tag(DefrostMetrics.OUTCOME, outcome).register(registry);
    }

    private Counter bytesWritten(String kind) {
        return Counter.builder("defrost.store.written").baseUnit("bytes").description("Bytes of artifacts committed to the store")
                .tags(tags).tag(DefrostMetrics.KIND, kind).register(registry);
    }

    private Counter artifactsWritten(String kind) {
        return counter("defrost.store.artifacts.written", "Artifacts committed to the store", tags.and(DefrostMetrics.KIND, kind));
    }

    private Counter cellsPlanned(String stageType) {
        return counter("defrost.cells.planned", "Work units (sweep cells) planned", stageTags(stageType));
    }

    private Counter runsFinished(String status) {
        return counter("defrost.runs.finished", "Pipeline runs finished, by status", tags.and(DefrostMetrics.STATUS, status));
    }

    private Counter invocations(String stageType, String outcome) {
        return counter("defrost.invocations", "Stage invocations finished, by outcome",
                stageTags(stageType).and(DefrostMetrics.OUTCOME, outcome));
    }

    private Counter cellsFinished(String stageType, String outcome) {
        return counter("defrost.cells.finished", "Work units (sweep cells) finished, by outcome",
                stageTags(stageType).and(DefrostMetrics.OUTCOME, outcome));
    }

    private Counter counter(String name, String help, Tags t) {
        return Counter.builder(name).description(help).tags(t).register(registry);
    }

    private static Duration toDuration(double seconds) {
        return Duration.ofNanos((long) (Math.max(seconds, 0) * 1e9));
    }

    /** Planned and finished work of the run; work is stage invocations plus work units. */
    static final class RunProgress {
        private final AtomicLong invocationsPlanned = new AtomicLong();
        private final AtomicLong cellsPlanned = new AtomicLong();
        private final AtomicLong workFinished = new AtomicLong();
        private final AtomicLong cellsFinished = new AtomicLong();

        void invocationsPlanned(int n) {
            invocationsPlanned.addAndGet(n);
        }

        void cellsPlanned(int n) {
            cellsPlanned.addAndGet(n);
        }

        void workFinished() {
            workFinished.incrementAndGet();
        }

        void cellFinished() {
            cellsFinished.incrementAndGet();
            workFinished.incrementAndGet();
        }

        long plannedWork() {
            return invocationsPlanned.get() + cellsPlanned.get();
        }

        long finishedWork() {
            return workFinished.get();
        }

        long remainingWork() {
            return Math.max(0, plannedWork() - finishedWork());
        }

        long remainingCells() {
            return Math.max(0, cellsPlanned.get() - cellsFinished.get());
        }

        double ratio() {
            long planned = plannedWork();
            return planned == 0 ? 0 : Math.min(1.0, (double) finishedWork() / planned);
        }
    }
}
