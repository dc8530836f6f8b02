package org.defrost.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.report.model.MatrixCell;
import org.defrost.report.model.Protocol;
import org.defrost.report.model.Recommendation;
import org.defrost.report.model.SimilarityResults;
import org.defrost.report.model.TransferCell;
import org.defrost.report.model.TransferResults;
import org.defrost.report.table.Table;
import org.defrost.report.table.TableBuilder;

/** The tables the report publishes as {@code tables/NAME.csv} and in {@code report.json}, by name. */
final class ReportTables {
    static final String RECOMMENDATIONS = "recommendations";
    static final String PROTOCOLS = "protocols";
    static final String OPTIMAL_DEPTHS = "optimal-depths";
    static final String TEST_ERROR_BY_DEPTH = "test-error-by-depth";
    static final String TRAINED_CELLS = "trained-cells";
    static final String TRAINING_CURVES = "training-curves";
    static final String SIMILARITY_PROFILES = "similarity-profiles";
    static final String LAYER_MATRICES = "layer-matrices";
    static final String STAGE_TIMINGS = "stage-timings";
    static final String INVOCATIONS = "invocations";

    private ReportTables() {
    }

    /** Every table, in the order the report presents them; empty tables are left out. */
    static Map<String, Table> build(TransferResults t, SimilarityResults s, List<Recommendation> recommendations,
                                    Provenance p, boolean curves) {
        Map<String, Table> tables = new LinkedHashMap<>();
        tables.put(RECOMMENDATIONS, recommendations(recommendations));
        tables.put(PROTOCOLS, protocols(t));
        tables.put(OPTIMAL_DEPTHS, t.optimaTable());
        tables.put(TEST_ERROR_BY_DEPTH, t.depthTable());
        tables.put(TRAINED_CELLS, t.cellsTable());
        if (curves) {
            tables.put(TRAINING_CURVES, t.curvesTable());
        }
        tables.put(SIMILARITY_PROFILES, s.profileTable());
        tables.put(LAYER_MATRICES, s.matrixTable());
        tables.put(STAGE_TIMINGS, stageTimings(p));
        tables.put(INVOCATIONS, invocations(p));
        tables.values().removeIf(Table::isEmpty);
        return tables;
    }

    static Table recommendations(List<Recommendation> recommendations) {
        TableBuilder b = new TableBuilder();
        for (Recommendation r : recommendations) {
            b.row().putAll(r.cell().values()).put("targetSize", r.targetSize())
                    .put("recommendation", r.kind().name().toLowerCase().replace('_', '-')).put("init", r.init())
                    .put("depthStar", r.depthStar()).put("layers", r.layers()).put("meanTestError", r.mean())
                    .put("stderrTestError", r.stderr()).put("scratchTestError", r.scratch())
                    .put("classicTestError", r.classic()).put("fullFineTuningTestError", r.fullFineTuning())
                    .put("pValueVsClassic", r.pValueVsClassic()).put("significantVsClassic", r.significantVsClassic())
                    .put("text", r.sentence());
        }
        return b.build();
    }

    static Table protocols(TransferResults t) {
        TableBuilder b = new TableBuilder();
        for (TransferCell c : t.cells()) {
            for (int n : c.targetSizes()) {
                for (Protocol.Result r : Protocol.compare(c, n)) {
                    b.row().putAll(c.cell().values()).put("targetSize", n).put("protocol", r.protocol().id())
                            .put("depth", r.depth()).put("meanTestError", r.mean()).put("stderrTestError", r.stderr());
                }
            }
        }
        return b.build();
    }

    /** Per stage: invocations computed and reused, work units computed and reused, summed seconds. */
    static Table stageTimings(Provenance p) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (Provenance.Invocation inv : p.invocations()) {
            long[] c = counts.computeIfAbsent(inv.stageId(), k -> new long[6]);
            types.put(inv.stageId(), inv.stageType());
            c[0]++;
            switch (inv.status()) {
                case "computed" -> c[1]++;
                case "cached" -> c[2]++;
                default -> c[3]++;
            }
            c[4] += inv.units().getOrDefault("computed", 0);
            c[5] += inv.units().getOrDefault("cached", 0);
            seconds.merge(inv.stageId(), Double.isNaN(inv.seconds()) ? 0 : inv.seconds(), Double::sum);
        }
        TableBuilder b = new TableBuilder();
        counts.forEach((stage, c) -> b.row().put("stageId", stage).put("stageType", types.get(stage))
                .put("invocations", c[0]).put("computed", c[1]).put("reused", c[2]).put("failed", c[3])
                .put("unitsComputed", c[4]).put("unitsReused", c[5])
                .put("seconds", Math.round(seconds.get(stage) * 1000) / 1000.0));
        return b.build();
    }

    /** One row per invocation output: which artifact, and whether it was computed or reused. */
    static Table invocations(Provenance p) {
        TableBuilder b = new TableBuilder();
        for (Provenance.Invocation inv : p.invocations()) {
            Map<String, String> outputs = inv.outputs().isEmpty() ? Map.of("", "") : inv.outputs();
            outputs.forEach((kind, key) -> b.row().put("stageId", inv.stageId()).put("stageType", inv.stageType())
                    .put("cell", new MatrixCell(inv.cell()).label()).put("seedIndex", inv.seedIndex())
                    .put("status", inv.status().equals("cached") ? "reused" : inv.status())
                    .put("seconds", inv.seconds()).put("kind", kind).put("artifact", key));
        }
        return b.build();
    }
}
