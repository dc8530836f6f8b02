package org.defrost.tasks.chmm;

import java.io.IOException;
import java.util.function.IntFunction;
import org.defrost.kernels.KernelThreads;

/**
 * Produces blocks on a thread budget and hands them to a consumer on the calling thread in block order, with
 * at most {@code 2 * threads} blocks in memory: each round produces the next {@code 2 * threads} blocks in
 * parallel, then consumes them in order.
 */
final class OrderedBlocks {
    /** Receives blocks in order; may write them to files. */
    interface Consumer<T> {
        void accept(T block) throws IOException;
    }

    private OrderedBlocks() {
    }

    /**
     * @param produce makes block b; called once per block, from any of the threads
     * @param consume receives the blocks in order, on the calling thread
     */
    static <T> void run(int blocks, KernelThreads threads, IntFunction<T> produce, Consumer<T> consume)
            throws IOException {
        int round = 2 * threads.threads();
        Object[] produced = new Object[Math.min(round, blocks)];
        for (int first = 0; first < blocks; first += round) {
            int start = first;
            int count = Math.min(round, blocks - first);
            // A block is thousands of rows of products and transcendental functions: always worth a thread.
            threads.forRanges(count, Long.MAX_VALUE, (from, to) -> {
                for (int b = from; b < to; b++) {
                    produced[b] = produce.apply(start + b);
                }
            });
            for (int b = 0; b < count; b++) {
                @SuppressWarnings("unchecked")
                T block = (T) produced[b];
                produced[b] = null;
                consume.accept(block);
            }
        }
    }
}
