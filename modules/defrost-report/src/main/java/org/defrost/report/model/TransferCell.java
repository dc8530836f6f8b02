package org.defrost.report.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.defrost.report.table.Table;

/**
 * The transfer results of one matrix cell.
 *
 * @param cell   the matrix cell
 * @param layers number of feature layers L of the networks
 * @param seeds  number of seeds
 * @param depths mean errors per target size, initialisation and depth
 * @param optima the chosen protocol per target size
 * @param curves training curves of representative cells ({@code curves.csv}); empty when not recorded
 */
public record TransferCell(MatrixCell cell, int layers, int seeds, List<DepthPoint> depths, List<Optimum> optima,
                           Table curves) {

    public TransferCell {
        depths = List.copyOf(depths);
        optima = List.copyOf(optima);
    }

    /** The target sizes with results, ascending. */
    public List<Integer> targetSizes() {
        TreeSet<Integer> sizes = new TreeSet<>();
        depths.forEach(d -> sizes.add(d.targetSize()));
        optima.forEach(o -> sizes.add(o.targetSize()));
        return List.copyOf(sizes);
    }

    /** The errors at one depth, if it was trained. */
    public Optional<DepthPoint> depth(int targetSize, String init, int depth) {
        return depths.stream().filter(d -> d.targetSize() == targetSize && d.init().equals(init) && d.depth() == depth)
                .findFirst();
    }

    /** The errors of one target size and initialisation, by increasing depth. */
    public List<DepthPoint> curve(int targetSize, String init) {
        return depths.stream().filter(d -> d.targetSize() == targetSize && d.init().equals(init))
                .sorted(Comparator.comparingInt(DepthPoint::depth)).toList();
    }

    /** The chosen protocol of one target size, if there is one. */
    public Optional<Optimum> optimum(int targetSize) {
        return optima.stream().filter(o -> o.targetSize() == targetSize).findFirst();
    }

    /**
     * The best depth of one initialisation, chosen as ℓ* is (lowest mean validation error, or mean test error for
     * results without validation errors; ties go to the deeper transfer); empty when that initialisation was not
     * trained at this size.
     */
    public Optional<DepthPoint> best(int targetSize, String init) {
        DepthPoint best = null;
        for (DepthPoint d : curve(targetSize, init)) {
            if (best == null || d.selectionError() <= best.selectionError()) {
                best = d;
            }
        }
        return Optional.ofNullable(best);
    }
}
