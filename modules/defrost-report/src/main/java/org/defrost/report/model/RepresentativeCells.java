package org.defrost.report.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The task pairs that the per-task-pair figures of a large matrix are drawn for, so that a report stays a few
 * megabytes whatever the matrix: every task pair when there are at most {@link #MAX}; otherwise the two ends of
 * every phase diagram's sweep (for a matrix that sweeps knobs one at a time around a baseline: the baseline and
 * the far end of each knob), completed up to {@link #MAX} (or, when those are too many, replaced) by task pairs
 * evenly spaced in matrix order, first and last included. Tables keep
 * every task pair.
 */
public final class RepresentativeCells {
    /** Task pairs drawn at most in a per-task-pair figure group. */
    public static final int MAX = 4;

    private RepresentativeCells() {
    }

    /** The representative task pairs among {@code cells}, in the order of {@code cells}; all of them when few. */
    public static List<MatrixCell> of(List<TransferCell> cells) {
        List<MatrixCell> all = cells.stream().map(TransferCell::cell).toList();
        if (all.size() <= MAX) {
            return all;
        }
        Set<MatrixCell> chosen = new LinkedHashSet<>();
        for (PhaseDiagram d : PhaseDiagram.of(cells)) {
            chosen.add(d.rows().get(0).cell());
            chosen.add(d.rows().get(d.rows().size() - 1).cell());
        }
        if (chosen.size() > MAX) {
            chosen.clear();
        }
        for (int i = 0; i < MAX && chosen.size() < MAX; i++) {
            chosen.add(all.get((int) Math.round(i * (all.size() - 1) / (double) (MAX - 1))));
        }
        return all.stream().filter(chosen::contains).toList();
    }
}
