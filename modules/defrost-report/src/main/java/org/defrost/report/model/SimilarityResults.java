package org.defrost.report.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.defrost.report.ResultArtifact;
import org.defrost.report.table.Table;

/**
 * The {@code similarity-results} of every matrix cell: per-layer similarity profiles between the source
 * network S and the target network T* (layer i against layer i, layer 0 the input) and the full
 * layer × layer matrices, for whatever measures the similarity stage computed.
 *
 * @param cells        per matrix cell, ordered by matrix values
 * @param measures     measure names, in the similarity stage's order
 * @param probes       probe names (usually one)
 * @param profileTable the profiles of every cell ({@code profile-summary.csv} merged)
 * @param matrixTable  the layer × layer matrices of every cell ({@code layer-matrices.csv} merged)
 */
public record SimilarityResults(List<CellSimilarity> cells, List<String> measures, List<String> probes,
                                Table profileTable, Table matrixTable) {

    /**
     * One point of a profile.
     *
     * @param probe   the probe inputs the networks were fed (e.g. {@code target})
     * @param measure the measure's name (e.g. {@code linear-cka})
     * @param layer   layer index i (0 = input)
     * @param mean    the measure between layer i of S and layer i of T*, mean over seeds
     * @param stderr  its standard error over seeds; NaN when not recorded
     * @param trainSize the number of target examples T* was trained on; 0 for the whole target pool
     */
    public record ProfilePoint(String probe, String measure, int layer, double mean, double stderr, int trainSize) {
    }

    /**
     * One entry of a layer × layer matrix.
     *
     * @param probe       the probe inputs
     * @param measure     the measure's name
     * @param sourceLayer layer index of S
     * @param targetLayer layer index of T*
     * @param value       the measure, mean over seeds
     * @param trainSize   the number of target examples T* was trained on; 0 for the whole target pool
     */
    public record MatrixEntry(String probe, String measure, int sourceLayer, int targetLayer, double value,
                              int trainSize) {
    }

    /**
     * The similarity results of one matrix cell.
     *
     * @param cell     the matrix cell
     * @param profile  the diagonal profiles of every probe and measure
     * @param matrices the layer × layer matrices of every probe and measure
     */
    public record CellSimilarity(MatrixCell cell, List<ProfilePoint> profile, List<MatrixEntry> matrices) {
        public CellSimilarity {
            profile = List.copyOf(profile);
            matrices = List.copyOf(matrices);
        }

        /**
         * The sizes of the target training sets the T* networks of this cell were trained on, ascending; 0 stands
         * for the whole target pool.
         */
        public List<Integer> trainSizes() {
            java.util.TreeSet<Integer> sizes = new java.util.TreeSet<>();
            profile.forEach(p -> sizes.add(p.trainSize()));
            matrices.forEach(m -> sizes.add(m.trainSize()));
            return List.copyOf(sizes);
        }

        /** The T* drawn in the profile and matrix charts: the whole pool when present, else the largest set. */
        public int shownTrainSize() {
            List<Integer> sizes = trainSizes();
            return sizes.isEmpty() || sizes.contains(0) ? 0 : sizes.get(sizes.size() - 1);
        }

        /** One probe's and measure's profile of the shown T*, by increasing layer. */
        public List<ProfilePoint> profile(String probe, String measure) {
            return profile(probe, measure, shownTrainSize());
        }

        /** One probe's and measure's profile of the T* trained on {@code trainSize} examples, by increasing layer. */
        public List<ProfilePoint> profile(String probe, String measure, int trainSize) {
            return profile.stream().filter(p -> p.probe().equals(probe) && p.measure().equals(measure)
                            && p.trainSize() == trainSize)
                    .sorted(Comparator.comparingInt(ProfilePoint::layer)).toList();
        }

        /** One probe's and measure's layer × layer entries of the shown T*. */
        public List<MatrixEntry> matrix(String probe, String measure) {
            int shown = shownTrainSize();
            return matrices.stream().filter(m -> m.probe().equals(probe) && m.measure().equals(measure)
                    && m.trainSize() == shown).toList();
        }
    }

    public SimilarityResults {
        cells = List.copyOf(cells);
        measures = List.copyOf(measures);
        probes = List.copyOf(probes);
    }

    /**
     * Reads {@code profile-summary.csv} (columns probe, measure, layer, mean, stderr; {@code value} is accepted
     * for mean, probe and stderr are optional; {@code targetSize} and {@code pool}, when present, say how many target
     * examples T* was trained on and whether it is the whole-pool T*; without them every row is the whole-pool T*) and {@code layer-matrices.csv} (probe, measure, sourceLayer,
     * targetLayer, value) of each artifact; a missing file contributes nothing.
     */
    public static SimilarityResults load(List<ResultArtifact> artifacts) throws IOException {
        List<ResultArtifact> sorted = MatrixCell.inOrder(artifacts);
        Set<String> measures = new LinkedHashSet<>();
        Set<String> probes = new LinkedHashSet<>();
        List<CellSimilarity> cells = new ArrayList<>();
        Table profiles = Table.empty();
        Table matrices = Table.empty();
        for (ResultArtifact a : sorted) {
            if (a.metadata().get("measures") instanceof List<?> names) {
                names.forEach(n -> measures.add(String.valueOf(n)));
            }
            Table p = Table.readIfPresent(a.file("profile-summary.csv"));
            Table m = Table.readIfPresent(a.file("layer-matrices.csv"));
            profiles = profiles.concat(p);
            matrices = matrices.concat(m);
            List<ProfilePoint> points = new ArrayList<>();
            for (Map<String, String> r : p.rows()) {
                String mean = r.containsKey("mean") ? "mean" : "value";
                points.add(new ProfilePoint(r.getOrDefault("probe", ""), r.get("measure"), Table.integer(r, "layer"),
                        Table.number(r, mean), Table.number(r, "stderr"), trainSize(r)));
            }
            List<MatrixEntry> entries = new ArrayList<>();
            for (Map<String, String> r : m.rows()) {
                entries.add(new MatrixEntry(r.getOrDefault("probe", ""), r.get("measure"), Table.integer(r, "sourceLayer"),
                        Table.integer(r, "targetLayer"), Table.number(r, "value"), trainSize(r)));
            }
            points.forEach(pt -> {
                measures.add(pt.measure());
                probes.add(pt.probe());
            });
            entries.forEach(e -> {
                measures.add(e.measure());
                probes.add(e.probe());
            });
            cells.add(new CellSimilarity(new MatrixCell(a.matrixCell()), points, entries));
        }
        return new SimilarityResults(cells, new ArrayList<>(measures), new ArrayList<>(probes), profiles, matrices);
    }

    /**
     * The size of T*'s training set a row belongs to: 0 for the whole-pool T* ({@code pool} true, or no size
     * column), else {@code targetSize} (the similarity stage's layout) or {@code targetTrainSize}.
     */
    private static int trainSize(Map<String, String> row) {
        if (Boolean.parseBoolean(row.get("pool"))) {
            return 0;
        }
        for (String column : List.of("targetSize", "targetTrainSize")) {
            double v = Table.number(row, column);
            if (!Double.isNaN(v)) {
                return Math.max(0, (int) v);
            }
        }
        return 0;
    }

    /** Whether there is nothing to draw (no similarity stage, or it wrote no rows). */
    public boolean isEmpty() {
        return profileTable.isEmpty() && matrixTable.isEmpty();
    }

    /** The similarity results of a cell, if any. */
    public Optional<CellSimilarity> cell(MatrixCell cell) {
        return cells.stream().filter(c -> c.cell().equals(cell)).findFirst();
    }
}
