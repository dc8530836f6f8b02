package org.defrost.cli;

import java.io.PrintWriter;
import java.util.List;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.run.RunPlan;
import org.defrost.engine.store.ArtifactStore;

/** {@code defrost run --dry-run}: the plan of a checked pipeline, and what the workspace already holds. */
final class DryRun {
    private DryRun() {
    }

    static void print(CheckedPipeline checked, ArtifactStore store, int threads, PrintWriter out) {
        Pipeline p = checked.pipeline();
        int cells = p.matrixCells().size();
        out.printf("Plan of pipeline '%s' (%s): %d matrix %s x %d %s, in the workspace %s%n", p.name(), p.file(), cells,
                cells == 1 ? "cell" : "cells", p.seeds(), p.seeds() == 1 ? "seed" : "seeds", store.workspace());
        List<RunPlan.StagePlan> plan = RunPlan.of(p, store);
        int width = Math.max(5, plan.stream().mapToInt(s -> s.stage().id().length()).max().orElse(5));
        out.printf("  %-" + width + "s  %-24s %-26s %11s %7s %10s%n", "STAGE", "TYPE", "RUNS", "INVOCATIONS", "CACHED",
                "TO COMPUTE");
        int total = 0;
        int cached = 0;
        for (RunPlan.StagePlan s : plan) {
            out.printf("  %-" + width + "s  %-24s %-26s %11d %7d %10d%n", s.stage().id(), s.stage().type(),
                    runs(s, cells, p.seeds()), s.invocations(), s.cached(), s.toCompute());
            total += s.invocations();
            cached += s.cached();
        }
        out.printf("%d invocations, %d already in the workspace, %d to compute. Stages that fan out (fine-tune, "
                + "similarity) plan their work units when they run; units are cached the same way.%n", total, cached,
                total - cached);
        out.println("Estimated peak memory with " + threads + " threads: " + checked.report().memory().describe() + ".");
        out.println("Nothing was run (--dry-run).");
    }

    private static String runs(RunPlan.StagePlan s, int cells, int seeds) {
        return switch (s.stage().descriptor().scope()) {
            case EACH_SEED -> "per cell and seed (" + cells + "x" + seeds + ")";
            case EACH_MATRIX_CELL -> "per cell (" + cells + ")";
            case WHOLE_PIPELINE -> "once";
        };
    }
}
