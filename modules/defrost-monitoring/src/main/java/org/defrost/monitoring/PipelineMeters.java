package org.defrost.monitoring;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The gauges of one pipeline name, summed over its active runs (a service may run the same pipeline more
 * than once at a time): runs active, cells remaining, progress, estimated seconds to completion, when a
 * cell last finished, and the live values stages report. "Work" is stage invocations plus work units
 * (cells), as in the command line's progress bar. Thread-safe.
 */
final class PipelineMeters {
    /** Completions the rate behind the estimate looks back over. */
    static final int RATE_WINDOW = 50;
    private final Clock clock;
    private final Set<RunMetricsListener> active = new LinkedHashSet<>();
    private final Map<String, Integer> runningInvocations = new HashMap<>();
    private final CompletionRate rate;
    private final LiveStageGauges live;
    /** Progress of the run that finished last, shown while none is active. */
    private double lastProgress;
    private double lastCellFinishedSeconds;

    PipelineMeters(String pipeline, MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.rate = new CompletionRate(RATE_WINDOW, clock.monotonicTime());
        this.lastCellFinishedSeconds = clock.wallTime() / 1e3;
        Tags tags = Tags.of(DefrostMetrics.PIPELINE, pipeline);
        this.live = new LiveStageGauges(registry, tags);
        gauge("defrost.runs.active", "Runs of the pipeline now running", PipelineMeters::activeRuns, null, tags, registry);
        gauge("defrost.cells.remaining", "Work units planned by the active runs and not yet finished",
                PipelineMeters::remainingCells, null, tags, registry);
        gauge("defrost.run.progress.ratio", "Finished work over planned work of the active runs, 0 to 1; after they "
                + "end, that of the last run to finish", PipelineMeters::progress, null, tags, registry);
        gauge("defrost.run.eta", "Estimated time until the active runs finish the work planned so far, from the "
                + "recent completion rate; NaN before anything finished", PipelineMeters::etaSeconds, "seconds", tags,
                registry);
        gauge("defrost.last.cell.finished.timestamp", "Unix time when a work unit last finished, or when units were "
                + "planned while none remained", PipelineMeters::lastCellFinishedSeconds, "seconds", tags, registry);
    }

    private void gauge(String name, String help, ToDoubleFunction<PipelineMeters> f, String unit,
                       Tags tags, MeterRegistry registry) {
        Gauge.builder(name, this, f).description(help).baseUnit(unit).tags(tags).strongReference(true).register(registry);
    }

    synchronized void runStarted(RunMetricsListener run) {
        if (active.isEmpty()) {
            rate.restart(clock.monotonicTime());
        }
        active.add(run);
    }

    void runFinished(RunMetricsListener run) {
        synchronized (this) {
            lastProgress = run.progress.ratio();
            active.remove(run);
        }
        run.runningInvocations().forEach(this::invocationsEnded);
    }

    synchronized void invocationsStarted(String stageType, int count) {
        runningInvocations.merge(stageType, count, Integer::sum);
    }

    /**
     * Invocations of {@code stageType} ended; when none is left running, its live gauges go. The gauges are
     * removed outside this object's lock, which a scrape takes to read the other gauges.
     */
    void invocationsEnded(String stageType, int count) {
        boolean none;
        synchronized (this) {
            none = runningInvocations.merge(stageType, -count, Integer::sum) <= 0;
            if (none) {
                runningInvocations.remove(stageType);
            }
        }
        if (none) {
            live.remove(stageType);
        }
    }

    /** Work units were planned by {@code run}: counted here so that the stall clock starts when they become due. */
    synchronized void cellsPlanned(RunMetricsListener run, int count) {
        if (remainingCells() == 0) {
            lastCellFinishedSeconds = clock.wallTime() / 1e3;
        }
        run.progress.cellsPlanned(count);
    }

    synchronized void cellFinished() {
        lastCellFinishedSeconds = clock.wallTime() / 1e3;
        rate.completed(clock.monotonicTime());
    }

    synchronized void invocationFinished() {
        rate.completed(clock.monotonicTime());
    }

    void stageGauge(String stageType, String name, double value) {
        live.set(stageType, name, value);
    }

    synchronized int activeRuns() {
        return active.size();
    }

    synchronized long remainingCells() {
        long remaining = 0;
        for (RunMetricsListener run : active) {
            remaining += run.progress.remainingCells();
        }
        return remaining;
    }

    synchronized double progress() {
        if (active.isEmpty()) {
            return lastProgress;
        }
        long planned = 0;
        long finished = 0;
        for (RunMetricsListener run : active) {
            planned += run.progress.plannedWork();
            finished += run.progress.finishedWork();
        }
        return planned == 0 ? 0 : Math.min(1.0, (double) finished / planned);
    }

    synchronized double etaSeconds() {
        long remaining = 0;
        for (RunMetricsListener run : active) {
            remaining += run.progress.remainingWork();
        }
        return remaining == 0 ? 0 : remaining / rate.perSecond(clock.monotonicTime());
    }

    synchronized double lastCellFinishedSeconds() {
        return lastCellFinishedSeconds;
    }
}
