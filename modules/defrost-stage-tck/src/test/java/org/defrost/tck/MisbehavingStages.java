package org.defrost.tck;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;

/** Stages that break the contract in one way each, for the tests that the kit catches them. */
final class MisbehavingStages {
    private MisbehavingStages() {
    }

    private static StageDescriptor describe(String type) {
        return new StageDescriptor(type, "1", "Breaks the stage contract on purpose.",
                List.of(ParameterSpec.integer("size", 3, "How many lines to write.").withRange(1, 100),
                        ParameterSpec.bool("waitForCancellation", false, "Whether to work until the run is cancelled.")),
                List.of(), List.of("lines"), StageScope.EACH_SEED);
    }

    /**
     * Writes the clock into an undeclared file and undeclared metadata, records metrics under names that are
     * not fixed words, counts a counter it does not list and lists one that is not named as a counter.
     */
    static final class Clock implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return describe("clock");
        }

        @Override
        public List<String> counters() {
            return List.of("lines_total", "elapsed");
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            writeLines(ctx);
            Files.writeString(ctx.output("lines").directory().resolve("now.txt"), System.nanoTime() + "\n");
            ctx.output("lines").putMetadata("now", System.nanoTime());
            ctx.metrics().set("Elapsed-Seconds", 1);
            ctx.metrics().count("writes", 1);
            ctx.metrics().count("lines_total", 2);
        }
    }

    private static void writeLines(StageContext ctx) throws java.io.IOException {
        Files.writeString(ctx.output("lines").directory().resolve("lines.txt"), "a\nb\n");
    }

    /** Reports and, when told to wait, waits for cancellation, then fails with another exception that hides it. */
    static final class Swallowing implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return describe("swallowing");
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            ctx.progress().status("starting");
            if (!ctx.parameters().getBoolean("waitForCancellation")) {
                writeLines(ctx);
                return;
            }
            try {
                while (true) {
                    ctx.cancellation().throwIfCancelled();
                    Thread.onSpinWait();
                }
            } catch (CancellationException e) {
                throw new IllegalStateException("gave up");
            }
        }
    }

    /**
     * Reports and, when told to wait, blocks until released without ever polling cancellation, ignoring
     * interrupts too.
     */
    static final class Stubborn implements Stage {
        static final CountDownLatch RELEASE = new CountDownLatch(1);

        @Override
        public StageDescriptor descriptor() {
            return describe("stubborn");
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            ctx.progress().status("starting");
            while (ctx.parameters().getBoolean("waitForCancellation") && RELEASE.getCount() > 0) {
                try {
                    RELEASE.await();
                } catch (InterruptedException ignored) {
                    // deliberately deaf to the engine's interrupts
                }
            }
            writeLines(ctx);
        }
    }
}
