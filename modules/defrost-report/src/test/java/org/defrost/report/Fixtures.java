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

    /** One seed's validation error: the test error plus its own noise, so that selection and test can disagree. */
    static double seedValidation(double eta, int n, String init, int depth, int layers, int seed) {
        return seedError(eta, n, init, depth, layers, seed + 1000) + 0.005;
    }

    /** Validation rows of a target size: max(50, n / 4), drawn outside the n training rows. */
    static int validationSize(int n) {
        return Math.max(50, n / 4);
    }

    /**
     * Writes {@code cells.csv}, {@code summary.csv}, {@code optimal-depths.csv} (one row per target size: the depth
     * and initialisation of lowest mean validation error) and (unless {@code curves} is false) {@code curves.csv}
     * for one matrix cell, in the layout of the fine-tune stage. With {@code legacy}, {@code optimal-depths.csv}
     * has the earlier layout instead: one row per target size and initialisation, ℓ* chosen on test error.
     *
     * @return the metadata the fine-tune stage records
     */
    static Map<String, Object> writeTransfer(Path dir, Map<String, Object> cell, Study s, boolean curves) throws IOException {
        return writeTransfer(dir, cell, s, curves, false);
    }

    static Map<String, Object> writeTransfer(Path dir, Map<String, Object> cell, Study s, boolean curves, boolean legacy)
            throws IOException {
        Files.createDirectories(dir);
        double eta = cell.get("etaF") instanceof Number x ? x.doubleValue() : 0.0;
        TableBuilder cells = new TableBuilder();
        TableBuilder summary = new TableBuilder();
        TableBuilder optima = new TableBuilder();
        TableBuilder curveRows = new TableBuilder();
        int seeds = s.seeds();
        for (int n : s.targetSizes()) {
            Map<String, double[]> test = new LinkedHashMap<>();
            Map<String, double[]> validation = new LinkedHashMap<>();
            for (String init : List.of(PRETRAINED, RANDOM)) {
                double[] m = new double[s.layers() + 1];
                double[] v = new double[s.layers() + 1];
                for (int depth = 0; depth <= s.layers(); depth++) {
                    double[] e = new double[seeds];
                    double[] ve = new double[seeds];
                    for (int seed = 0; seed < seeds; seed++) {
                        e[seed] = seedError(eta, n, init, depth, s.layers(), seed);
                        ve[seed] = seedValidation(eta, n, init, depth, s.layers(), seed);
                        cells.row().putAll(cell).put("seed", seed).put("targetSize", n).put("trainSize", n)
                                .put("validationSize", validationSize(n)).put("validationFromBudget", false)
                                .put("depth", depth).put("init", init).put("testError", e[seed]).put("testLoss", 2 * e[seed])
                                .put("validationError", ve[seed]).put("firstStageTestError", Double.NaN)
                                .put("epochs", 40).put("bestEpoch", 20).put("stopReason", "early_stopping")
                                .put("seconds", 0.1).put("samplesPerSecond", 1e5).put("cellKey", "k" + n + init + depth + seed);
                    }
                    m[depth] = mean(e);
                    v[depth] = mean(ve);
                    summary.row().putAll(cell).put("targetSize", n).put("trainSize", n)
                            .put("validationSize", validationSize(n)).put("init", init).put("depth", depth)
                            .put("seeds", seeds).put("meanTestError", m[depth]).put("stderrTestError", stderr(e))
                            .put("meanValidationError", v[depth]).put("stderrValidationError", stderr(ve))
                            .put("probabilityBest", Double.NaN);
                }
                test.put(init, m);
                validation.put(init, v);
                if (legacy) {
                    int star = argmin(m);
                    double scratch = seedMean(eta, n, RANDOM, 0, s);
                    double standard = m[s.layers()];
                    double p = Math.min(1, Math.exp(-400 * (standard - m[star])));
                    optima.row().putAll(cell).put("targetSize", n).put("init", init).put("layers", s.layers())
                            .put("depthStar", star).put("meanTestError", m[star]).put("stderrTestError", 0.003)
                            .put("scratchTestError", scratch).put("standardTestError", standard)
                            .put("gainOverScratch", scratch - m[star]).put("gainOverStandard", standard - m[star])
                            .put("pValueVsStandard", p).put("significantVsStandard", p < 0.05);
                }
            }
            String init = validation.get(RANDOM)[argmin(validation.get(RANDOM))]
                    <= validation.get(PRETRAINED)[argmin(validation.get(PRETRAINED))] ? RANDOM : PRETRAINED;
            int star = argmin(validation.get(init));
            String oracleInit = test.get(RANDOM)[argmin(test.get(RANDOM))] <= test.get(PRETRAINED)[argmin(test.get(PRETRAINED))]
                    ? RANDOM : PRETRAINED;
            double mean = test.get(init)[star];
            double scratch = test.get(RANDOM)[0];
            double standard = test.get(RANDOM)[s.layers()];
            boolean one = seeds == 1;
            double gainScratch = scratch - mean;
            double gainStandard = standard - mean;
            double pScratch = one ? Double.NaN : Math.min(1, Math.exp(-200 * gainScratch));
            double pStandard = one ? Double.NaN : Math.min(1, Math.exp(-400 * gainStandard));
            double[] chosen = validation.get(init);
            double neighbourGap = Math.min(star > 0 ? chosen[star - 1] - chosen[star] : 1,
                    star < s.layers() ? chosen[star + 1] - chosen[star] : 1);
            double pNeighbours = one ? Double.NaN : Math.min(1, Math.exp(-150 * neighbourGap));
            if (!legacy) {
                optima.row().putAll(cell).put("targetSize", n).put("trainSize", n).put("validationSize", validationSize(n))
                        .put("validationFromBudget", false).put("layers", s.layers()).put("seeds", seeds)
                        .put("depthStar", star).put("init", init).put("meanValidationError", chosen[star])
                        .put("meanTestError", mean).put("stderrTestError", one ? Double.NaN : 0.003)
                        .put("scratchTestError", scratch).put("standardTestError", standard)
                        .put("gainOverScratch", gainScratch)
                        .put("gainOverScratchLow", one ? Double.NaN : gainScratch - 0.01)
                        .put("gainOverScratchHigh", one ? Double.NaN : gainScratch + 0.01)
                        .put("gainOverStandard", gainStandard)
                        .put("gainOverStandardLow", one ? Double.NaN : gainStandard - 0.01)
                        .put("gainOverStandardHigh", one ? Double.NaN : gainStandard + 0.01)
                        .put("pValueVsScratch", pScratch).put("significantVsScratch", pScratch < 0.05)
                        .put("pValueVsStandard", pStandard).put("significantVsStandard", pStandard < 0.05)
                        .put("pValueVsNeighbours", pNeighbours).put("significantVsNeighbours", pNeighbours < 0.05)
                        .put("probabilityBest", one ? Double.NaN : 0.5 + 0.5 * Math.min(1, 20 * neighbourGap))
                        .put("oracleDepthStar", argmin(test.get(oracleInit))).put("oracleInit", oracleInit)
                        .put("oracleTestError", test.get(oracleInit)[argmin(test.get(oracleInit))]);
            }
            for (String curveInit : List.of(PRETRAINED, RANDOM)) {
                for (int depth : new java.util.TreeSet<>(List.of(argmin(validation.get(curveInit)), 0, s.layers()))) {
                    for (int epoch = 1; epoch <= 12; epoch++) {
                        curveRows.row().putAll(cell).put("seed", 0).put("targetSize", n).put("depth", depth)
                                .put("init", curveInit).put("epoch", epoch)
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
        metadata.put("seeds", seeds);
        metadata.put("cells", s.targetSizes().size() * 2 * (s.layers() + 1) * seeds);
        metadata.put("summary", "Optimal transfer depth " + cell);
        return metadata;
    }

    /** The first index of the smallest value (ties go to the shallower depth, as a fixture needs only one rule). */
    static int argmin(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }

    static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElseThrow();
    }

    /** Standard error over seeds; NaN with one seed, as the fine-tune stage writes it. */
    static double stderr(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1) / v.length);
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

    /**
     * The fixture's similarity between layer i of S and layer j of T*: a small step from the input, then flat over the first
     * {@code round(L (1 - eta))} layers (those that transfer well in {@link #modelError}), then a sharp fall, so that
     * the profile's transition depth is that number of layers.
     */
    private static double similarity(String measure, int i, int j, double eta, int layers) {
        long useful = Math.round(layers * (1 - eta));
        int depth = Math.max(i, j);
        double diagonal = 1 - (depth > 0 ? 0.05 : 0) - 0.35 * Math.max(0, depth - useful) - 0.15 * Math.abs(i - j);
        return switch (measure) {
            case "linear-cka" -> diagonal;
            case "information-imbalance" -> 1 - 0.9 * diagonal;
            default -> 5 + 3 * i;
        };
    }

    /** Transfer (and, when {@code similarity}, similarity) artifacts of cells etaF = 0.0 and 0.5 under {@code root}. */
    static ReportInputs inputs(Path root, Study s, boolean similarity, boolean curves) throws IOException {
        return inputs(root, s, similarity, curves, false);
    }

    /** As above; with {@code legacy}, optimal-depths.csv in the layout written before validation-based selection. */
    static ReportInputs inputs(Path root, Study s, boolean similarity, boolean curves, boolean legacy) throws IOException {
        return inputs(root, s, similarity, curves, legacy, List.of());
    }

    /**
     * As above, for a source network of blocks named {@code blockNames} (recorded by fine-tune as metadata
     * {@code blockNames}); an empty list gives a fully connected network.
     */
    static ReportInputs inputs(Path root, Study s, boolean similarity, boolean curves, boolean legacy,
                               List<String> blockNames) throws IOException {
        return inputs(root, s, similarity, curves, legacy, blockNames, List.of(0.5, 0.0));
    }

    /** As above, with one matrix cell per level of etaF in {@code etas}. */
    static ReportInputs inputs(Path root, Study s, boolean similarity, boolean curves, boolean legacy,
                               List<String> blockNames, List<Double> etas) throws IOException {
        List<ResultArtifact> transfer = new ArrayList<>();
        List<ResultArtifact> sim = new ArrayList<>();
        // written in reverse matrix order: the report orders cells by value
        for (double eta : etas) {
            Map<String, Object> cell = Map.of("etaF", eta);
            Path t = root.resolve("transfer-" + eta);
            Map<String, Object> metadata = new LinkedHashMap<>(writeTransfer(t, cell, s, curves, legacy));
            if (!blockNames.isEmpty()) {
                metadata.put("blockNames", blockNames);
            }
            transfer.add(new ResultArtifact("t" + eta, cell, t, metadata));
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
