package org.defrost.engine.preflight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineStage;
import org.defrost.spi.Parameters;

/**
 * The memory a run of a pipeline needs at its peak, from each stage's {@link org.defrost.spi.Stage#estimatedMemoryBytes}.
 * Stages run one after another and the invocations of one stage run in parallel, at most {@code threads} at
 * a time, so the peak is the largest, over stages, of the sum of the {@code threads} largest invocation
 * estimates of that stage.
 *
 * @param bytes         the peak, in bytes (saturates at {@link Long#MAX_VALUE})
 * @param stageIndex    the stage where the peak falls, or -1 when every estimate is 0
 * @param stageId       its id, or null
 * @param atOnce        how many of its invocations run at once at the peak
 * @param perInvocation the largest estimate of one of its invocations, in bytes
 */
public record MemoryEstimate(long bytes, int stageIndex, String stageId, int atOnce, long perInvocation) {

    /**
     * Estimates a run of {@code pipeline} with {@code threads} threads.
     *
     * @throws IllegalStateException naming the stage when its estimate fails
     */
    public static MemoryEstimate of(Pipeline pipeline, int threads) {
        MemoryEstimate peak = new MemoryEstimate(0, -1, null, 0, 0);
        int seeds = pipeline.seeds();
        for (PipelineStage stage : pipeline.stages()) {
            List<Long> perInvocation = new ArrayList<>();
            List<Parameters> byCell = stage.parametersByCell();
            switch (stage.descriptor().scope()) {
                case WHOLE_PIPELINE -> perInvocation.add(estimate(stage, byCell.get(0)));
                case EACH_MATRIX_CELL -> byCell.forEach(p -> perInvocation.add(estimate(stage, p)));
                case EACH_SEED -> byCell.forEach(p -> {
                    long e = estimate(stage, p);
                    for (int s = 0; s < seeds; s++) {
                        perInvocation.add(e);
                    }
                });
            }
            perInvocation.sort(Comparator.reverseOrder());
            int atOnce = Math.min(threads, perInvocation.size());
            long sum = 0;
            for (int i = 0; i < atOnce; i++) {
                sum = saturatedAdd(sum, perInvocation.get(i));
            }
            if (sum > peak.bytes) {
                peak = new MemoryEstimate(sum, stage.index(), stage.id(), atOnce, perInvocation.get(0));
            }
        }
        return peak;
    }

    private static long estimate(PipelineStage stage, Parameters p) {
        long e;
        try {
            e = stage.implementation().estimatedMemoryBytes(p);
        } catch (RuntimeException ex) {
            throw new IllegalStateException("stage type '" + stage.type() + "' could not estimate its memory: " + ex, ex);
        }
        return Math.max(0, e);
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    /** E.g. {@code 3.0 GiB at stage 'train' (2 invocations at once, up to 1.5 GiB each)}. */
    public String describe() {
        if (stageIndex < 0) {
            return "negligible";
        }
        return bytes(bytes) + " at stage '" + stageId + "' (" + atOnce
                + (atOnce == 1 ? " invocation, " : " invocations at once, up to ") + bytes(perInvocation)
                + (atOnce == 1 ? ")" : " each)");
    }

    /** A byte count for people: {@code 900 bytes}, {@code 12.5 MiB}, {@code 3.0 GiB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
