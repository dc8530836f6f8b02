package org.defrost.kernels;

/**
 * The loop over the samples {@code [b0, b1)} of a batch of images that an image operation runs on up to four
 * arrays of one precision (unused ones null), and the one place where such loops are cut across
 * {@link KernelThreads}: by whole samples, each written by one thread, so results do not depend on the number of
 * threads. Operations pass a static method, which creates no object, and a call that stays on the caller
 * allocates nothing.
 *
 * @param <A> {@code float[]} or {@code double[]}
 * @param <G> the operation's geometry
 */
@FunctionalInterface
interface SampleLoop<A, G> {

    void run(A x, A y, A z, A w, G geometry, ElementOps<A> ops, int b0, int b1);

    /**
     * Runs {@code loop} over samples {@code [0, batch)}, split across {@code threads} when {@code work} (the
     * operation's element count) is large enough.
     */
    static <A, G> void over(int batch, long work, KernelThreads threads, SampleLoop<A, G> loop, A x, A y, A z, A w,
                            G geometry, ElementOps<A> ops) {
        if (!threads.splits(batch, work)) {
            loop.run(x, y, z, w, geometry, ops, 0, batch);
        } else {
            threads.forRanges(batch, work, (b0, b1) -> loop.run(x, y, z, w, geometry, ops, b0, b1));
        }
    }
}
