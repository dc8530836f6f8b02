package org.defrost.report.model;

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
 * @param depths mean test error per target size, initialisation and depth
 * @param optima the optimal depth per target size and initialisation
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

    /** The error at one depth, if it was trained. */
    public Optional<DepthPoint> depth(int targetSize, String init, int depth) {
        return depths.stream().filter(d -> d.targetSize() == targetSize && d.init().equals(init) && d.depth() == depth)
                .findFirst();
    }

    /** The errors of one target size and initialisation, by increasing depth. */
    public List<DepthPoint> curve(int targetSize, String init) {
        return depths.stream().filter(d -> d.targetSize() == targetSize && d.init().equals(init))
                .sorted(java.util.Comparator.comparingInt(DepthPoint::depth)).toList();
    }

    /** The optimum of one target size and initialisation, if there is one. */
    public Optional<Optimum> optimum(int targetSize, String init) {
        return optima.stream().filter(o -> o.targetSize() == targetSize && o.init().equals(init)).findFirst();
    }
}
