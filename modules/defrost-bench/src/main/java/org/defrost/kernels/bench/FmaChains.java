package org.defrost.kernels.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Independent chains of float32 fused multiply-adds {@code a ← a·m + c} in the processor's preferred vector
 * width, with nothing else in the loop: the most multiply-adds a core can do, the ceiling for any product.
 * Twelve chains keep two FMA units busy through a four-cycle latency (needing eight) without spilling
 * registers. Links {@code jdk.incubator.vector}: load it only when that module is present.
 */
final class FmaChains {
    /** Number of independent accumulator vectors. */
    static final int CHAINS = 12;
    /** Lanes per vector. */
    static final int LANES = FloatVector.SPECIES_PREFERRED.length();
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /**
     * Factor and term for timing: every chain decays towards {@code TERM / (1 - FACTOR) = 0.001}, so no value
     * becomes subnormal, which some processors handle slowly.
     */
    private static final float FACTOR = 0.999999f;
    private static final float TERM = 1e-9f;

    private FmaChains() {
    }

    /** Floating-point operations of {@code iterations} steps: two per lane per chain. */
    static double flops(long iterations) {
        return 2.0 * CHAINS * LANES * iterations;
    }

    /** {@link #run(long, float, float, float)} with factors fit for timing any number of steps. */
    static float run(long iterations, float start) {
        return run(iterations, start, FACTOR, TERM);
    }

    /**
     * Runs {@code iterations} steps of every chain. Chain {@code j} starts at {@code start + j} in every lane.
     *
     * @return the sum over chains of lane 0 after the last step, so that no step can be skipped
     */
    static float run(long iterations, float start, float m, float c) {
        FloatVector vm = FloatVector.broadcast(SPECIES, m);
        FloatVector vc = FloatVector.broadcast(SPECIES, c);
        FloatVector a0 = chain(start, 0), a1 = chain(start, 1), a2 = chain(start, 2), a3 = chain(start, 3);
        FloatVector a4 = chain(start, 4), a5 = chain(start, 5), a6 = chain(start, 6), a7 = chain(start, 7);
        FloatVector a8 = chain(start, 8), a9 = chain(start, 9), a10 = chain(start, 10), a11 = chain(start, 11);
        for (long i = 0; i < iterations; i++) {
            a0 = a0.fma(vm, vc); a1 = a1.fma(vm, vc); a2 = a2.fma(vm, vc); a3 = a3.fma(vm, vc);
            a4 = a4.fma(vm, vc); a5 = a5.fma(vm, vc); a6 = a6.fma(vm, vc); a7 = a7.fma(vm, vc);
            a8 = a8.fma(vm, vc); a9 = a9.fma(vm, vc); a10 = a10.fma(vm, vc); a11 = a11.fma(vm, vc);
        }
        FloatVector sum = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10)
                .add(a11);
        return sum.lane(0);
    }

    /** Chain {@code j}'s starting vector: {@code start + j} in every lane. */
    private static FloatVector chain(float start, int j) {
        return FloatVector.broadcast(SPECIES, start + j);
    }
}
