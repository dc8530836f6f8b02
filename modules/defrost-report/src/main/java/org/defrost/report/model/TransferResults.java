package org.defrost.report.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.defrost.report.ResultArtifact;
import org.defrost.report.table.Table;

/**
 * The {@code transfer-results} of every matrix cell of a run, ordered by matrix values, together with the
 * merged tables (each source table's rows of all cells, one after the other).
 *
 * @param cells       per matrix cell, ordered by matrix values
 * @param cellsTable  every trained cell of every matrix cell ({@code cells.csv} merged)
 * @param depthTable  mean test error by depth ({@code summary.csv} merged)
 * @param optimaTable optimal depths ({@code optimal-depths.csv} merged)
 * @param curvesTable training curves of representative cells ({@code curves.csv} merged)
 * @param blockNames  names of blocks 1..L ("conv block 1", ...) when the source network is a block network
 *                    (fine-tune records them as {@code blockNames}); empty for fully connected networks, whose depths
 *                    count layers
 */
public record TransferResults(List<TransferCell> cells, Table cellsTable, Table depthTable, Table optimaTable,
                              Table curvesTable, List<String> blockNames) {
    /** The initialisation that re-initialises the layers above the frozen ones. */
    public static final String RANDOM = "random";
    /** The initialisation that starts the layers above the frozen ones from the source network. */
    public static final String PRETRAINED = "pretrained";

    public TransferResults {
        cells = List.copyOf(cells);
        blockNames = List.copyOf(blockNames);
    }

    /**
     * Reads {@code summary.csv}, {@code optimal-depths.csv} and, where present, {@code cells.csv} and
     * {@code curves.csv}. {@code optimal-depths.csv} has one row per target size (the protocol chosen on validation
     * error); results written before that contract (one row per target size and initialisation, chosen on test
     * error) are read too, keeping for each size the initialisation of lower mean test error, marked as chosen on
     * the test set.
     */
    public static TransferResults load(List<ResultArtifact> artifacts) throws IOException {
        List<ResultArtifact> sorted = MatrixCell.inOrder(artifacts);
        List<TransferCell> cells = new ArrayList<>();
        Table all = Table.empty();
        Table depthAll = Table.empty();
        Table optimaAll = Table.empty();
        Table curvesAll = Table.empty();
        for (ResultArtifact a : sorted) {
            Table depth = Table.read(a.file("summary.csv"));
            Table optima = Table.read(a.file("optimal-depths.csv"));
            Table curves = Table.readIfPresent(a.file("curves.csv"));
            all = all.concat(Table.readIfPresent(a.file("cells.csv")));
            depthAll = depthAll.concat(depth);
            optimaAll = optimaAll.concat(optima);
            curvesAll = curvesAll.concat(curves);
            List<DepthPoint> points = depth.rows().stream().map(r -> new DepthPoint(Table.integer(r, "targetSize"),
                    r.get("init"), Table.integer(r, "depth"), Table.integer(r, "seeds"),
                    Table.number(r, "meanTestError"), Table.number(r, "stderrTestError"),
                    Table.number(r, "meanValidationError"), Table.number(r, "stderrValidationError"),
                    Table.number(r, "probabilityBest"))).toList();
            int seeds = a.metadata().get("seeds") instanceof Number n ? n.intValue()
                    : points.stream().mapToInt(DepthPoint::seeds).max().orElse(0);
            List<Optimum> optimum = OptimaReader.read(optima, seeds);
            int layers = a.metadata().get("hiddenLayers") instanceof Number n ? n.intValue()
                    : optimum.stream().mapToInt(Optimum::layers).max()
                    .orElseGet(() -> points.stream().mapToInt(DepthPoint::depth).max().orElse(0));
            cells.add(new TransferCell(new MatrixCell(a.matrixCell()), layers, seeds, points, optimum, curves));
        }
        List<String> blockNames = List.of();
        for (ResultArtifact a : sorted) {
            if (a.metadata().get("blockNames") instanceof List<?> names && !names.isEmpty()) {
                blockNames = names.stream().map(String::valueOf).toList();
                break;
            }
        }
        return new TransferResults(cells, all, depthAll, optimaAll, curvesAll, blockNames);
    }

    /** How depth indices are named: by block for a block network, "layer i" otherwise. */
    public DepthNames depthNames() {
        return new DepthNames(blockNames);
    }

    /** The blocks a depth ℓ freezes, named, e.g. "conv block 1, conv block 2"; empty without block names or at ℓ = 0. */
    public String frozenBlocks(int depth) {
        if (blockNames.isEmpty() || depth <= 0) {
            return "";
        }
        return String.join(", ", blockNames.subList(0, Math.min(depth, blockNames.size())));
    }

    /** The union of the cells' target sizes, ascending. */
    public List<Integer> targetSizes() {
        Set<Integer> sizes = new TreeSet<>();
        cells.forEach(c -> sizes.addAll(c.targetSizes()));
        return List.copyOf(sizes);
    }

    /** Whether every chosen ℓ* was chosen on validation error (false for results of the earlier contract). */
    public boolean chosenOnValidation() {
        return cells.stream().flatMap(c -> c.optima().stream()).allMatch(o -> o.selection() == Optimum.Selection.VALIDATION);
    }

    /** The largest number of seeds over the cells. */
    public int maxSeeds() {
        return cells.stream().mapToInt(TransferCell::seeds).max().orElse(0);
    }

    /** The initialisations present, {@code random} first. */
    public List<String> inits() {
        Set<String> present = new LinkedHashSet<>();
        cells.forEach(c -> c.depths().forEach(d -> present.add(d.init())));
        List<String> ordered = new ArrayList<>();
        for (String known : List.of(RANDOM, PRETRAINED)) {
            if (present.remove(known)) {
                ordered.add(known);
            }
        }
        ordered.addAll(present);
        return ordered;
    }

    /** The largest number of feature layers L over the cells. */
    public int maxLayers() {
        return cells.stream().mapToInt(TransferCell::layers).max().orElse(0);
    }
}
