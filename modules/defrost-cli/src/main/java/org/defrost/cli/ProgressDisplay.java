package org.defrost.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.defrost.engine.run.Invocation;
import org.defrost.engine.run.RunListener;

/**
 * Shows a run's progress: on a terminal, a progress bar over all invocations and work units with the
 * current stage, elapsed time and ETA; elsewhere (logs, CI), one line per stage and per tenth of its work.
 */
final class ProgressDisplay implements RunListener, AutoCloseable {
    private final PrintStream out;
    private final boolean interactive;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicInteger cached = new AtomicInteger();
    private final AtomicInteger computed = new AtomicInteger();
    private final AtomicInteger unitsCached = new AtomicInteger();
    private final AtomicInteger unitsComputed = new AtomicInteger();
    private volatile String stage = "";
    private volatile long lastPrinted;
    private ProgressBar bar;

    ProgressDisplay(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public synchronized void runStarted(String runId, String pipeline, int invocations) {
        total.set(invocations);
        out.println("Run " + runId + " of pipeline '" + pipeline + "': " + invocations + " stage invocations planned");
        if (interactive) {
            bar = new ProgressBarBuilder().setTaskName(pipeline).setInitialMax(invocations).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(500)
                    .showSpeed().build();
        }
    }

    @Override
    public void stageStarted(String stageId, String stageType, int invocations) {
        stage = stageId;
        message(stageId + " (" + stageType + "): " + invocations + (invocations == 1 ? " invocation" : " invocations"));
    }

    @Override
    public void invocationFinished(Invocation invocation, boolean fromCache, double seconds) {
        (fromCache ? cached : computed).incrementAndGet();
        step();
        if (!interactive) {
            out.printf("  %s %s in %.1f s%n", invocation.label(), fromCache ? "from cache" : "done", seconds);
        }
    }

    @Override
    public void invocationFailed(Invocation invocation, Throwable error) {
        message("  " + invocation.label() + " FAILED: " + error.getMessage());
    }

    @Override
    public synchronized void unitsPlanned(String stageType, int count) {
        total.addAndGet(count);
        if (bar != null) {
            bar.maxHint(total.get());
        }
    }

    @Override
    public void unitFinished(String stageType, boolean fromCache, boolean failed, double seconds) {
        if (!failed) {
            (fromCache ? unitsCached : unitsComputed).incrementAndGet();
        }
        step();
    }

    @Override
    public void status(String stageId, String message) {
        if (bar != null) {
            bar.setExtraMessage(shorten(stageId + ": " + message));
        }
    }

    /** The bar's extra message must fit on the line beside the bar. */
    private static String shorten(String text) {
        return text.length() <= 48 ? text : text.substring(0, 47) + "…";
    }

    private synchronized void step() {
        long d = done.incrementAndGet();
        if (bar != null) {
            bar.stepTo(d);
        } else if (System.nanoTime() - lastPrinted > 5_000_000_000L || d == total.get()) {
            lastPrinted = System.nanoTime();
            out.printf("  [%s] %d/%d done%n", stage, d, total.get());
        }
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
}
