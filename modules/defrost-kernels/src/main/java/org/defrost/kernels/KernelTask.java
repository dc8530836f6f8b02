package org.defrost.kernels;

/** One share of a parallel product: worker {@code worker} of {@code workers} does its part of the output. */
@FunctionalInterface
interface KernelTask {
    void run(int worker, int workers);
}
