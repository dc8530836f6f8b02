package org.defrost.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread budget: the calling thread plus {@code threads - 1} daemon workers, on which the library's
 * parallel work runs (the products of {@link FloatGemm}, {@link DoubleGemm} and {@link DoubleProducts},
 * and the loops of {@link #forRanges}). This is the only way the library computes on more than one thread:
 * it never uses the common fork-join pool and never starts threads of its own, so a caller that holds a
 * budget of n threads never has more than n threads computing for it. Create one per unit of work from the
 * run's {@code --threads} share, hand it down, and close it when done. Results never depend on the number
 * of threads.
 *
 * <p>One product or loop runs at a time: one that is started while another is in progress on the same
 * instance (from inside one of its parts, or from another thread) runs on its calling thread alone, so
 * nested parallelism neither deadlocks nor oversubscribes.
 *
 * <p>A product is cut into at most {@code threads} parts, which the caller and the workers claim one at a time,
 * so a worker that the operating system has not scheduled yet does not hold the caller up: the caller takes
 * the parts nobody has claimed. Workers spin briefly after each product before parking, because a training
 * step issues products in quick succession and waking a parked thread costs tens of microseconds.
 */
public final class KernelThreads implements AutoCloseable {
    /**
     * Products with fewer multiply-adds than this run on the caller: below it, handing work to another thread
     * costs more than it saves.
     */
    static final long PARALLEL_MIN_WORK = 1L << 18;
    /** How long an idle worker, or the waiting caller, spins before it parks. */
    private static final long SPIN_NANOS = 50_000;
    private static final KernelThreads SINGLE = new KernelThreads(1);

    private final Worker[] workers;
    /** The product in progress, null between products so that finished operands are not kept reachable. */
    private volatile Job job;
    /** Set while a job is in progress; a job that finds it set runs on its caller. */
    private final AtomicBoolean busy = new AtomicBoolean();
    private long jobs;
    private boolean closed;

    private KernelThreads(int threads) {
        workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker("defrost-kernel-" + (i + 1) + "/" + threads);
            workers[i].start();
        }
    }

    /**
     * A budget of one thread: runs everything on the calling thread. The instance is shared, holds no threads
     * and may be used from any number of threads at once; closing it has no effect.
     */
    public static KernelThreads single() {
        return SINGLE;
    }

    /**
     * Starts {@code threads - 1} daemon workers (none for 1).
     *
     * @param threads total threads including the caller, at least 1
     */
    public static KernelThreads of(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return threads == 1 ? SINGLE : new KernelThreads(threads);
    }

    /** Total number of threads a product may use, including the caller. */
    public int threads() {
        return workers.length + 1;
    }

    /** Stops the worker threads; later products run on the calling thread only. Idempotent. */
    @Override
    public void close() {
        if (closed || workers.length == 0) {
            return;
        }
        closed = true;
        for (Worker w : workers) {
            w.stop = true;
            LockSupport.unpark(w);
        }
    }

    /** The body of a parallel loop: handles the indices {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, count)} cut into contiguous ranges, one per thread at most, and returns
     * when all are done; the first failure is rethrown here. Loops of less than {@link #PARALLEL_MIN_WORK}
     * units of {@code work} (say, multiply-adds) in total run on the caller as one range. The body must give
     * the same results however the indices are cut, e.g. by writing only to per-index outputs.
     *
     * @param work estimated cost of the whole loop, in multiply-adds or comparable steps
     */
    public void forRanges(int count, long work, Range body) {
        if (count <= 0) {
            return;
        }
        int parts = partsFor(work, count);
        if (parts == 1) {
            body.run(0, count);
        } else {
            run(parts, (w, ws) -> body.run(bound(count, w, ws), bound(count, w + 1, ws)));
        }
    }

    /**
     * Whether {@link #forRanges} would cut a loop of {@code count} indices and {@code work} total cost into
     * more than one range; callers on a hot path use it to run the loop inline without creating a lambda.
     */
    public boolean splits(int count, long work) {
        return count > 1 && partsFor(work, count) > 1;
    }

    /** Number of parts to split a product of {@code multiplyAdds} into, given {@code units} indivisible pieces. */
    int partsFor(long multiplyAdds, int units) {
        if (multiplyAdds < PARALLEL_MIN_WORK) {
            return 1;
        }
        return Math.min(threads(), units);
    }

    /** Start of part {@code part} of {@code parts} when splitting {@code units} evenly (end: part + 1). */
    static int bound(int units, int part, int parts) {
        return (int) ((long) units * part / parts);
    }

    /**
     * Runs {@code task.run(i, n)} once for every i in [0, n), n = min(parts, threads()), on the caller and the
     * workers, and returns when all are done. The first failure of any part is rethrown here.
     */
    void run(int parts, KernelTask task) {
        int n = closed ? 1 : Math.min(parts, threads());
        if (n <= 1 || !busy.compareAndSet(false, true)) {
            task.run(0, 1);
            return;
        }
        Job current;
        try {
            current = new Job(++jobs, task, n, Thread.currentThread());
            job = current;
            for (int i = 0; i < n - 1; i++) {
                if (workers[i].parked) {
                    LockSupport.unpark(workers[i]);
                }
            }
            current.work();
            current.await();
        } finally {
            job = null;
            busy.set(false);
        }
        Throwable failure = current.failure;
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        } else if (failure instanceof Error) {
            throw (Error) failure;
        }
    }

    /** Spins once and returns true while the wait that began at {@code start} is shorter than the spin time. */
    private static boolean spinning(int spin, long start) {
        if ((spin & 63) != 0 || System.nanoTime() - start < SPIN_NANOS) {
            Thread.onSpinWait();
            return true;
        }
        return false;
    }

    /** One parallel product: its parts, which part is claimed next, and how many are finished. */
    private static final class Job {
        private final long number;
        private final KernelTask task;
        private final int parts;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private volatile boolean callerParked;
        private volatile Throwable failure;

        Job(long number, KernelTask task, int parts, Thread caller) {
            this.number = number;
            this.task = task;
            this.parts = parts;
            this.caller = caller;
        }

        /** Claims and runs parts until none is left. */
        void work() {
            int done = 0;
            for (int part = next.getAndIncrement(); part < parts; part = next.getAndIncrement()) {
                try {
                    task.run(part, parts);
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                }
                done++;
            }
            // one update per thread rather than per part: each update moves the counter's cache line
            if (done > 0 && finished.addAndGet(done) == parts && callerParked) {
                LockSupport.unpark(caller);
            }
        }

        /** Waits, on the caller, until every part is finished. */
        void await() {
            long start = System.nanoTime();
            for (int spin = 0; finished.get() < parts; spin++) {
                if (!spinning(spin, start)) {
                    callerParked = true;
                    if (finished.get() < parts) {
                        LockSupport.park(this);
                    }
                    callerParked = false;
                }
            }
        }
    }

    private final class Worker extends Thread {
        private volatile boolean parked;
        private volatile boolean stop;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            long done = 0;
            while (true) {
                Job next = awaitJob(done);
                if (next == null) {
                    return;
                }
                next.work();
                done = next.number;
            }
        }

        /** The next product after number {@code done}, or null once stopped. */
        private Job awaitJob(long done) {
            long start = System.nanoTime();
            for (int spin = 0; ; spin++) {
                Job next = job;
                if (stop) {
                    return null;
                }
                if (next != null && next.number != done) {
                    return next;
                }
                if (!spinning(spin, start)) {
                    parked = true;
                    next = job;
                    if ((next == null || next.number == done) && !stop) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
        }
    }
}
