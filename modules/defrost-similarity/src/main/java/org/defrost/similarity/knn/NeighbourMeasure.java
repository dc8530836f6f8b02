package org.defrost.similarity.knn;

import java.util.List;
import java.util.Map;
import org.defrost.similarity.DeclaredMeasure;
import org.defrost.similarity.RepresentationPair;
import org.defrost.similarity.SimilarityResult;
import org.defrost.similarity.SubsetPlan;

/**
 * A measure computed from {@link NeighbourTable}s, one per representation and point subset. When n is
 * larger than the plan's subset size the value is the mean over the plan's disjoint random subsets,
 * reported with its standard error; {@link NeighbourEvaluation} shares the tables between measures and
 * between pairs of layers.
 */
public abstract class NeighbourMeasure extends DeclaredMeasure {
    private final int k;
    private final SubsetPlan subsets;

    protected NeighbourMeasure(String name, Kind kind, int k, SubsetPlan subsets) {
        super(name, kind);
        this.k = k;
        this.subsets = subsets;
    }

    /** The measure's neighbourhood size k. */
    public final int k() {
        return k;
    }

    /** How points are split into subsets. */
    public final SubsetPlan subsets() {
        return subsets;
    }

    /** Neighbours the tables must keep per point for this measure. */
    public int neighboursNeeded() {
        return k;
    }

    /** Whether the tables must keep all squared distances (to rank arbitrary points). */
    public boolean needsDistances() {
        return false;
    }

    /**
     * Checks side information against the number of rows before any work is done.
     *
     * @throws org.defrost.similarity.InvalidSimilarityInputException if it does not match
     */
    public void validate(int rows) {
    }

    /** The smallest subset this measure is defined on. */
    public int minimumPoints() {
        return neighboursNeeded() + 1;
    }

    /**
     * The measure on one subset.
     *
     * @param a    table of A on the subset
     * @param b    table of B on the same subset, or null for a one-representation measure
     * @param rows the subset's row indices in the full data, for per-point side information. Not modified.
     */
    public abstract double evaluate(NeighbourTable a, NeighbourTable b, int[] rows);

    @Override
    public SimilarityResult compute(RepresentationPair pair) {
        Map<NeighbourMeasure, SimilarityResult> results = NeighbourEvaluation.evaluate(List.of(this), pair);
        return results.get(this);
    }
}
