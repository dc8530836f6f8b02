package org.defrost.tasks.chmm;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Produces blocks on a small thread pool and hands them to a consumer on the calling thread in block
 * order, with at most {@code 2 * threads} blocks in memory.
 */
final class OrderedBlocks {
    /** Receives blocks in order; may write them to files. */
    interface Consumer<T> {
        void accept(T block) throws IOException;
    }

    private OrderedBlocks() {
    }

    static <T> void run(int blocks, int threads, IntFunction<T> produce, Consumer<T> consume) throws IOException {
        if (threads == 1 || blocks <= 1) {
            for (int b = 0; b < blocks; b++) {
                consume.accept(produce.apply(b));
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "chmm-block");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();
        int window = 2 * threads;
        int next = 0;
        try {
            while (next < blocks || !inFlight.isEmpty()) {
                while (next < blocks && inFlight.size() < window) {
                    int b = next++;
                    inFlight.add(pool.submit(() -> produce.apply(b)));
                }
                consume.accept(inFlight.removeFirst().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("block generation interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
