package org.defrost.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.defrost.report.table.TableBuilder;

/**
 * Small synthetic study results in the layout of the {@code transfer-results} and {@code similarity-results}
 * artifacts. Errors follow a simple model in which the first {@code round(L (1 - etaF))} layers transfer well
 * and deeper ones hurt, so that ℓ* varies with target size and etaF; each seed adds its own noise.
 */
final class Fixtures {
    static final String RANDOM = "random";
    static final String PRETRAINED = "pretrained";

    private Fixtures() {
    }

    /** The study's shape. */
    record Study(int layers, List<Integer> targetSizes, int seeds) {
    }

    static final Study SMALL = new Study(3, List.of(60, 300, 2000), 3);

    /** Mean error of the model before noise. */
    static double modelError(double eta, int n, String init, int depth, int layers) {
        double scratch = 0.05 + 0.35 * Math.pow(60.0 / n, 0.6);
        long useful = Math.round(layers * (1 - eta));
        double gain = 0.6 * (scratch - 0.05);
        double err = scratch - gain * Math.min(depth, useful) / layers + 0.04 * Math.max(0, depth - useful);
        if (PRETRAINED.equals(init) && depth < layers) {
            err -= 0.3 * gain * (layers - depth) / layers * (1 - eta);
        }
        return err;
    }

    /** One seed's error: the model plus noise that is the same for both initialisations at ℓ = L (one network). */
    static double seedError(double eta, int n, String init, int depth, int layers, int seed) {
        String noiseInit = depth == layers ? RANDOM : init;
        long h = 1469598103934665603L;
        for (char ch : (eta + "/" + n + "/" + noiseInit + "/" + depth + "/" + seed).toCharArray()) {
            h = (h ^ ch) * 1099511628211L;
        }
        return modelError(eta, n, init, depth, layers) + 0.012 * (new SplittableRandom(h).nextDouble() - 0.5);
    }

    /**
     * Writes {@code cells.csv}, {@code summary.csv}, {@code optimal-depths.csv} and (unless {@code curves} is false)
     * {@code curves.csv} for one matrix cell.
     *
     * @return the metadata the fine-tune stage records
     */
    static Map<String, Object> writeTransfer(Path dir, Map<String, Object> cell, Study s, boolean curves) throws IOException {
        Files.createDirectories(dir);
        double eta = cell.get("etaF") instanceof Number x ? x.doubleValue() : 0.0;
        TableBuilder cells = new TableBuilder();
        TableBuilder summary = new TableBuilder();
        TableBuilder optima = new TableBuilder();
        TableBuilder curveRows = new TableBuilder();
        for (int n : s.targetSizes()) {
            Map<String, double[]> means = new LinkedHashMap<>();
            for (String init : List.of(PRETRAINED, RANDOM)) {
                double[] m = new double[s.layers() + 1];
                double[] se = new double[s.layers() + 1];
                for (int depth = 0; depth <= s.layers(); depth++) {
                    double sum = 0;
                    double sq = 0;
                    for (int seed = 0; seed < s.seeds(); seed++) {
                        double e = seedError(eta, n, init, depth, s.layers(), seed);
                        sum += e;
                        sq += e * e;
                        cells.row().putAll(cell).put("seed", seed).put("targetSize", n).put("depth", depth)
                                .put("init", init).put("testError", e).put("testLoss", 2 * e)
                                .put("validationError", e + 0.01).put("firstStageTestError", Double.NaN)
                                .put("epochs", 40).put("bestEpoch", 20).put("stopReason", "early_stopping")
                                .put("seconds", 0.1).put("samplesPerSecond", 1e5).put("cellKey", "k" + n + init + depth + seed);
                    }
                    m[depth] = sum / s.seeds();
                    double var = (sq - s.seeds() * m[depth] * m[depth]) / Math.max(1, s.seeds() - 1);
                    se[depth] = Math.sqrt(Math.max(0, var) / s.seeds());
                    summary.row().putAll(cell).put("targetSize", n).put("init", init).put("depth", depth)
                            .put("seeds", s.seeds()).put("meanTestError", m[depth]).put("stderrTestError", se[depth]);
                }
                means.put(init, m);
                int star = 0;
                for (int depth = 1; depth <= s.layers(); depth++) {
                    if (m[depth] < m[star]) {
                        star = depth;
                    }
                }
                double scratch = seedMean(eta, n, RANDOM, 0, s);
                double standard = m[s.layers()];
                double p = Math.min(1, Math.exp(-400 * (standard - m[star])));
                optima.row().putAll(cell).put("targetSize", n).put("init", init).put("layers", s.layers())
                        .put("depthStar", star).put("meanTestError", m[star]).put("stderrTestError", se[star])
                        .put("scratchTestError", scratch).put("standardTestError", standard)
                        .put("gainOverScratch", scratch - m[star]).put("gainOverStandard", standard - m[star])
                        .put("pValueVsStandard", p).put("significantVsStandard", p < 0.05);
                for (int depth : new java.util.TreeSet<>(List.of(star, 0, s.layers()))) {
                    for (int epoch = 1; epoch <= 12; epoch++) {
                        curveRows.row().putAll(cell).put("seed", 0).put("targetSize", n).put("depth", depth)
                                .put("init", init).put("epoch", epoch)
                                .put("trainLoss", 0.7 * Math.exp(-epoch / (3.0 + depth)) + 0.05)
                                .put("validationLoss", 0.7 * Math.exp(-epoch / (4.0 + depth)) + 0.1 + 0.003 * epoch)
                                .put("validationError", 0.3 * Math.exp(-epoch / 5.0) + 0.05);
                    }
                }
            }
        }
        cells.build().write(dir.resolve("cells.csv"));
        summary.build().write(dir.resolve("summary.csv"));
        optima.build().write(dir.resolve("optimal-depths.csv"));
        if (curves) {
            curveRows.build().write(dir.resolve("curves.csv"));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("hiddenLayers", s.layers());
        metadata.put("seeds", s.seeds());
        metadata.put("cells", s.targetSizes().size() * 2 * (s.layers() + 1) * s.seeds());
        metadata.put("summary", "Optimal transfer depth " + cell);
        return metadata;
    }

    private static double seedMean(double eta, int n, String init, int depth, Study s) {
        double sum = 0;
        for (int seed = 0; seed < s.seeds(); seed++) {
            sum += seedError(eta, n, init, depth, s.layers(), seed);
        }
        return sum / s.seeds();
    }

    /** The measures the similarity fixture writes; the last has a profile but no layer × layer matrix. */
    static final List<String> MEASURES = List.of("linear-cka", "information-imbalance", "intrinsic-dimension-source");

    /**
     * Writes {@code profiles.csv}, {@code profile-summary.csv} and {@code layer-matrices.csv} for one matrix cell.
     *
     * @return the metadata the similarity stage records
     */
    static Map<String, Object> writeSimilarity(Path dir, Map<String, Object> cell, Study s) throws IOException {
        Files.createDirectories(dir);
        double eta = cell.get("etaF") instanceof Number x ? x.doubleValue() : 0.0;
        TableBuilder profiles = new TableBuilder();
        TableBuilder summary = new TableBuilder();
        TableBuilder matrices = new TableBuilder();
        for (String measure : MEASURES) {
            for (int layer = 0; layer <= s.layers(); layer++) {
                double[] v = new double[s.seeds()];
                for (int seed = 0; seed < s.seeds(); seed++) {
                    v[seed] = similarity(measure, layer, layer, eta, s.layers()) + 0.01 * seed;
                    profiles.row().putAll(cell).put("seed", seed).put("probe", "target").put("measure", measure)
                            .put("layer", layer).put("value", v[seed]).put("stderr", Double.NaN);
                }
                double mean = java.util.Arrays.stream(v).average().orElseThrow();
                summary.row().putAll(cell).put("probe", "target").put("measure", measure).put("layer", layer)
                        .put("mean", mean).put("stderr", 0.01 / Math.sqrt(3));
            }
            if (!measure.startsWith("intrinsic-dimension")) {
                for (int i = 0; i <= s.layers(); i++) {
                    for (int j = 0; j <= s.layers(); j++) {
                        matrices.row().putAll(cell).put("probe", "target").put("measure", measure)
                                .put("sourceLayer", i).put("targetLayer", j)
                                .put("value", similarity(measure, i, j, eta, s.layers()));
                    }
                }
            }
        }
        profiles.build().write(dir.resolve("profiles.csv"));
        summary.build().write(dir.resolve("profile-summary.csv"));
        matrices.build().write(dir.resolve("layer-matrices.csv"));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("measures", MEASURES);
        metadata.put("hiddenLayers", s.layers());
        return metadata;
    }

    private static double similarity(String measure, int i, int j, double eta, int layers) {
        double depth = Math.max(i, j) / (double) layers;
        double diagonal = 1 - (0.2 + 0.6 * eta) * depth - 0.15 * Math.abs(i - j);
        return switch (measure) {
            case "linear-cka" -> diagonal;
            case "information-imbalance" -> 1 - 0.9 * diagonal;
            default -> 5 + 3 * i;
        };
    }

    /** Transfer (and, when {@code similarity}, similarity) artifacts of cells etaF = 0.0 and 0.5 under {@code root}. */
    static ReportInputs inputs(Path root, Study s, boolean similarity, boolean curves) throws IOException {
        List<ResultArtifact> transfer = new ArrayList<>();
        List<ResultArtifact> sim = new ArrayList<>();
        // written in reverse matrix order: the report orders cells by value
        for (double eta : List.of(0.5, 0.0)) {
            Map<String, Object> cell = Map.of("etaF", eta);
            Path t = root.resolve("transfer-" + eta);
            transfer.add(new ResultArtifact("t" + eta, cell, t, writeTransfer(t, cell, s, curves)));
            if (similarity) {
                Path d = root.resolve("similarity-" + eta);
                sim.add(new ResultArtifact("s" + eta, cell, d, writeSimilarity(d, cell, s)));
            }
        }
        return new ReportInputs(transfer, sim, provenance(root));
    }

    static final String PIPELINE_TEXT = """
            # A small study
            pipeline: fixture
            seed: 42
            seeds: 3
            matrix:
              etaF: [0.0, 0.5]
            stages:
              - id: finetune
                uses: fine-tune
            """;

    /** A run record of three invocations: two computed, one reused, one with work units. */
    static Provenance provenance(Path root) throws IOException {
        String record = """
                {"runId":"20260101-000000-abcd","pipeline":"fixture","pipelineFile":"/p/fixture.yaml",
                 "startedAt":"2026-01-01T00:00:00Z","status":"running",
                 "software":{"defrost":"0.1.0-TEST","java":"17.0.15","os":"Linux amd64"},
                 "invocations":[
                  {"stageId":"tasks","stageType":"chmm","cell":{"etaF":0.0},"seedIndex":0,"status":"computed","seconds":1.5,
                   "outputs":{"task-pair":"aaa"}},
                  {"stageId":"tasks","stageType":"chmm","cell":{"etaF":0.5},"seedIndex":2,"status":"cached","seconds":0.01,
                   "outputs":{"task-pair":"bbb"}},
                  {"stageId":"finetune","stageType":"fine-tune","cell":{"etaF":0.0},"seedIndex":-1,"status":"computed",
                   "seconds":12.5,"outputs":{"transfer-results":"t0.0"},"units":{"planned":72,"computed":63,"cached":9}}
                 ]}
                """;
        Path file = root.resolve("run.json");
        Files.createDirectories(root);
        Files.writeString(file, record);
        return Provenance.read(file, "", "", "", PIPELINE_TEXT);
    }
}
