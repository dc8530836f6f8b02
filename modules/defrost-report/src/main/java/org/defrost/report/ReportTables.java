package org.defrost.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.report.model.DepthNames;
import org.defrost.report.model.MatrixCell;
import org.defrost.report.model.Optimum;
import org.defrost.report.model.Protocol;
import org.defrost.report.model.Recommendation;
import org.defrost.report.model.SimilarityLink;
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
    static final String TRANSITION_DEPTHS = "transition-depths";
    static final String SIMILARITY_VS_DEPTH = "similarity-vs-depth";
    static final String STAGE_TIMINGS = "stage-timings";
    static final String INVOCATIONS = "invocations";

    private ReportTables() {
    }

    /** Every table, in the order the report presents them; empty tables are left out. */
    static Map<String, Table> build(TransferResults t, SimilarityResults s, List<Recommendation> recommendations,
                                    List<SimilarityLink.Correlation> correlations, Provenance p, boolean curves) {
        Map<String, Table> tables = new LinkedHashMap<>();
        tables.put(RECOMMENDATIONS, recommendations(recommendations));
        tables.put(PROTOCOLS, protocols(t));
        tables.put(OPTIMAL_DEPTHS, t.optimaTable());
        tables.put(TEST_ERROR_BY_DEPTH, t.depthTable());
        tables.put(TRAINED_CELLS, t.cellsTable());
        if (curves) {
            tables.put(TRAINING_CURVES, t.curvesTable());
        }
        DepthNames names = t.depthNames();
        tables.put(SIMILARITY_PROFILES, named(s.profileTable(), names, "layer", "block"));
        tables.put(LAYER_MATRICES, named(named(s.matrixTable(), names, "sourceLayer", "sourceBlock"), names,
                "targetLayer", "targetBlock"));
        tables.put(TRANSITION_DEPTHS, named(transitionDepths(correlations), names, "transitionDepth", "transitionBlock"));
        tables.put(SIMILARITY_VS_DEPTH, correlations(correlations));
        tables.put(STAGE_TIMINGS, stageTimings(p));
        tables.put(INVOCATIONS, invocations(p));
        tables.values().removeIf(Table::isEmpty);
        return tables;
    }

    /**
     * For a block network, {@code table} with a column {@code nameColumn} after {@code indexColumn} naming the
     * representation each index refers to ("input", "conv block 2"); unchanged for a fully connected network, whose
     * indices are layers.
     */
    static Table named(Table table, DepthNames names, String indexColumn, String nameColumn) {
        if (!names.blocks() || !table.columns().contains(indexColumn)) {
            return table;
        }
        return table.withColumnAfter(indexColumn, nameColumn, r -> {
            String v = r.getOrDefault(indexColumn, "");
            return v.isEmpty() ? "" : names.name(Table.integer(r, indexColumn));
        });
    }

    /** One row per task pair and target size: the chosen protocol, its test error, gains, tests and the answer in words. */
    static Table recommendations(List<Recommendation> recommendations) {
        TableBuilder b = new TableBuilder();
        for (Recommendation r : recommendations) {
            Optimum o = r.optimum();
            b.row().putAll(r.cell().values()).put("targetSize", r.targetSize()).put("trainSize", o.trainSize())
                    .put("validationSize", o.validationSize() < 0 ? null : o.validationSize())
                    .put("validationFromBudget", o.validationFromBudget())
                    .put("selection", o.selection().name().toLowerCase())
                    .put("recommendation", r.kind().name().toLowerCase().replace('_', '-')).put("init", r.init())
                    .put("depthStar", r.depthStar()).put("layers", r.layers()).put("seeds", r.seeds())
                    .put("meanValidationError", o.meanValidation()).put("meanTestError", o.mean())
                    .put("stderrTestError", o.stderr()).put("scratchTestError", o.scratch())
                    .put("classicTestError", o.standard()).put("fullFineTuningTestError", r.fullFineTuning())
                    .put("gainOverScratch", o.gainOverScratch().value())
                    .put("gainOverScratchLow", o.gainOverScratch().low())
                    .put("gainOverScratchHigh", o.gainOverScratch().high())
                    .put("pValueVsScratch", o.vsScratch().pValue()).put("significantVsScratch", o.vsScratch().significant())
                    .put("gainOverClassic", o.gainOverStandard().value())
                    .put("gainOverClassicLow", o.gainOverStandard().low())
                    .put("gainOverClassicHigh", o.gainOverStandard().high())
                    .put("pValueVsClassic", o.vsStandard().pValue()).put("significantVsClassic", o.vsStandard().significant())
                    .put("pValueVsNeighbours", o.vsNeighbours().pValue())
                    .put("significantVsNeighbours", o.vsNeighbours().significant())
                    .put("probabilityBest", o.probabilityBest())
                    .put("oracleDepthStar", o.oracleDepthStar() < 0 ? null : o.oracleDepthStar())
                    .put("oracleInit", o.oracleInit()).put("oracleTestError", o.oracleError())
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
                            .put("depth", r.depth()).put("seeds", r.seeds()).put("meanTestError", r.mean())
                            .put("stderrTestError", r.stderr());
                }
            }
        }
        return b.build();
    }

    /** One row per probe, measure, definition, task pair and target size: the transition depth beside ℓ*. */
    static Table transitionDepths(List<SimilarityLink.Correlation> correlations) {
        TableBuilder b = new TableBuilder();
        for (SimilarityLink.Correlation c : correlations) {
            for (SimilarityLink.Point p : c.points()) {
                b.row().putAll(p.cell().values()).put("targetSize", p.targetSize()).put("probe", c.probe())
                        .put("measure", c.measure()).put("definition", c.definition().id())
                        .put("similarityTrainSize", p.trainSize()).put("transitionDepth", p.transitionDepth())
                        .put("depthStar", p.depthStar());
            }
        }
        return b.build();
    }

    /** One row per probe, measure and definition: Spearman's ρ between transition depth and ℓ*, with its interval. */
    static Table correlations(List<SimilarityLink.Correlation> correlations) {
        TableBuilder b = new TableBuilder();
        for (SimilarityLink.Correlation c : correlations) {
            b.row().put("probe", c.probe()).put("measure", c.measure()).put("definition", c.definition().id())
                    .put("points", c.points().size()).put("taskPairs", c.taskPairs()).put("spearman", c.rho())
                    .put("spearmanLow", c.low()).put("spearmanHigh", c.high())
                    .put("confidence", SimilarityLink.CONFIDENCE).put("verdict", c.verdict());
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
