package org.defrost.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.defrost.engine.run.Invocation;
import org.defrost.engine.run.RunListener;

/**
 * Shows a run's progress against a total that does not move: the stage invocations planned when the run starts.
 * A stage that fans out work units advances the count by fractions of its invocations as its units finish, so a
 * long fine-tuning sweep moves the bar without changing the total. The ETA is the one the metrics compute (the
 * remaining work at the recent completion rate). On a terminal a progress bar shows this with the current stage;
 * elsewhere (logs, CI) one line per stage, per invocation and, every few seconds, the progress.
 */
final class ProgressDisplay implements RunListener, AutoCloseable {
    /** Bar steps per invocation, so that units can advance it by fractions of an invocation. */
    private static final int STEPS = 100;
    private static final long LINE_INTERVAL_NANOS = 5_000_000_000L;
    private final PrintStream out;
    private final boolean interactive;
    private final DoubleSupplier etaSeconds;
    private final AtomicInteger cached = new AtomicInteger();
    private final AtomicInteger computed = new AtomicInteger();
    private final AtomicInteger unitsCached = new AtomicInteger();
    private final AtomicInteger unitsComputed = new AtomicInteger();
    private int total;
    private int invocationsFinished;
    /** The current stage's invocations that planned units and have not finished, and its units. */
    private int fanningOut;
    private long stageUnitsPlanned;
    private long stageUnitsFinished;
    /** Steps shown so far: progress never goes back. */
    private long shown;
    private volatile String stage = "";
    private long lastPrinted;
    private ProgressBar bar;

    /** @param etaSeconds the estimated seconds to completion; NaN or negative when unknown */
    ProgressDisplay(PrintStream out, boolean interactive, DoubleSupplier etaSeconds) {
        this.out = out;
        this.interactive = interactive;
        this.etaSeconds = etaSeconds;
    }

    @Override
    public synchronized void runStarted(String runId, String pipeline, int invocations) {
        total = invocations;
        out.println("Run " + runId + " of pipeline '" + pipeline + "': " + invocations + " stage invocations planned");
        if (interactive) {
            bar = new ProgressBarBuilder().setTaskName(pipeline).setInitialMax((long) invocations * STEPS)
                    .setUnit(" invocations", STEPS).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(500)
                    .setEtaFunction(state -> eta()).build();
        }
    }

    @Override
    public synchronized void stageStarted(String stageId, String stageType, int invocations) {
        stage = stageId;
        fanningOut = 0;
        stageUnitsPlanned = 0;
        stageUnitsFinished = 0;
        message(stageId + " (" + stageType + "): " + invocations + (invocations == 1 ? " invocation" : " invocations"));
    }

    @Override
    public void invocationFinished(Invocation invocation, boolean fromCache, double seconds) {
        (fromCache ? cached : computed).incrementAndGet();
        synchronized (this) {
            invocationsFinished++;
            if (!fromCache && fanningOut > 0) {
                fanningOut--;
            }
            if (!interactive) {
                out.printf("  %s %s in %.1f s%n", invocation.label(), fromCache ? "from cache" : "done", seconds);
            }
            step(invocationsFinished == total);
        }
    }

    @Override
    public void invocationFailed(Invocation invocation, Throwable error) {
        message("  " + invocation.label() + " FAILED: " + error.getMessage());
    }

    @Override
    public void invocationCancelled(Invocation invocation) {
        message("  " + invocation.label() + " stopped");
    }

    @Override
    public synchronized void unitsPlanned(String stageType, int count) {
        fanningOut++;
        stageUnitsPlanned += count;
    }

    @Override
    public void unitFinished(String stageType, boolean fromCache, boolean failed, double seconds) {
        if (!failed) {
            (fromCache ? unitsCached : unitsComputed).incrementAndGet();
        }
        synchronized (this) {
            stageUnitsFinished++;
            step(false);
        }
    }

    @Override
    public void status(String stageId, String message) {
        if (bar != null) {
            bar.setExtraMessage(shorten(stageId + ": " + message));
        }
    }

    /** Invocations finished, plus the finished share of the units of the stage's invocations still running, in steps. */
    private long steps() {
        double running = stageUnitsPlanned == 0 ? 0 : fanningOut * Math.min(1.0, (double) stageUnitsFinished / stageUnitsPlanned);
        return Math.min((long) total * STEPS, Math.round((invocationsFinished + running) * STEPS));
    }

    private void step(boolean last) {
        shown = Math.max(shown, steps());
        if (bar != null) {
            bar.stepTo(shown);
        } else if (System.nanoTime() - lastPrinted > LINE_INTERVAL_NANOS || last) {
            lastPrinted = System.nanoTime();
            out.println("  [" + stage + "] " + line());
        }
    }

    /** E.g. {@code 12.4 of 23 invocations (54%), 27/72 units of this stage, about 3m 10s left}. */
    String line() {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%.1f of %d invocations (%d%%)",
                shown / (double) STEPS, total, total == 0 ? 100 : Math.round(100.0 * shown / ((long) total * STEPS))));
        if (stageUnitsPlanned > 0) {
            sb.append(", ").append(stageUnitsFinished).append('/').append(stageUnitsPlanned).append(" units of this stage");
        }
        eta().ifPresent(d -> sb.append(", about ").append(DurationText.of(d)).append(" left"));
        return sb.toString();
    }

    private Optional<Duration> eta() {
        double s = etaSeconds.getAsDouble();
        return Double.isFinite(s) && Math.round(s) > 0 ? Optional.of(Duration.ofSeconds(Math.round(s))) : Optional.empty();
    }

    /** The bar's extra message must fit on the line beside the bar. */
    private static String shorten(String text) {
        return text.length() <= 48 ? text : text.substring(0, 47) + "…";
    }

    private synchronized void message(String line) {
        if (bar != null) {
            bar.setExtraMessage(shorten(line.strip()));
        } else {
            out.println(line);
        }
    }

    /** One line saying what was computed and what came from the store. */
    String summary() {
        return String.format("%d invocations computed, %d from cache; %d work units computed, %d from cache",
                computed.get(), cached.get(), unitsComputed.get(), unitsCached.get());
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** Durations as people write them: {@code 45s}, {@code 3m 10s}, {@code 2h 5m}. */
    static final class DurationText {
        private DurationText() {
        }

        static String of(Duration d) {
            long s = d.toSeconds();
            if (s < 60) {
                return s + "s";
            }
            if (s < 3600) {
                return (s / 60) + "m " + (s % 60) + "s";
            }
            return (s / 3600) + "h " + (s % 3600 / 60) + "m";
        }
    }
}
