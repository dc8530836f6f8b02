package org.defrost.study.fast;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Dataset;
import org.defrost.nn.Network;
import org.defrost.nn.io.NetworkIo;
import org.defrost.spi.Artifact;
import org.defrost.spi.ArtifactKinds;
import org.defrost.spi.ArtifactWriter;
import org.defrost.spi.ParameterBinder;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.defrost.spi.UnitContext;
import org.defrost.study.TransferPlan;
import org.defrost.study.support.Csv;
import org.defrost.study.support.FinishedUnit;
import org.defrost.study.support.PlannedUnit;
import org.defrost.study.support.SweepStage;
import org.defrost.study.support.TargetRows;
import org.defrost.study.support.TypedUnits;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.TaskRole;

/**
 * {@code depth-prediction}: the fast mode. For every source network of the pipeline (each matrix cell and seed)
 * and every target size n, a work unit ({@link PredictionUnit}) predicts ℓ* and the initialisation with
 * {@link DepthPredictor}. The stage writes {@code predictions.csv} (one row per source and size, compared with the
 * full sweep when a {@code fine-tune} ran before it), {@code layers.csv} and {@code halving.csv} (the evidence),
 * and, when several sources were predicted for the same target data, {@code ranking.csv} with the source to use
 * ({@link SourceRanking}).
 */
public final class DepthPredictionStage implements SweepStage<DepthPredictionParameters> {
    /** The stage type. */
    public static final String TYPE = "depth-prediction";
    /** The kind of the stage's output. */
    public static final String OUTPUT = "depth-prediction";
    /** The kind of a unit's output. */
    static final String UNIT_OUTPUT = "depth-prediction-unit";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESULT_FILE = "prediction.json";

    /** What the stage needs back about a unit: not part of its key. */
    private record UnitTag(Artifact source, Artifact pair, String target, int targetSize) {
    }

    /**
     * What a unit writes to {@code prediction.json}.
     *
     * @param trainSize rows trained on
     * @param validationSize rows validated on
     * @param depth predicted ℓ*
     * @param init predicted initialisation
     * @param validationError the winner's validation error
     * @param costSampleEpochs training sample-epochs spent
     * @param probeDepth the layer whose probe validates best
     * @param similarityDepth the layer best aligned with the labels
     * @param candidates how many starting networks competed
     */
    record UnitResult(int trainSize, int validationSize, int depth, String init, double validationError,
                      long costSampleEpochs, int probeDepth, int similarityDepth, int candidates) {
    }

    @Override
    public StageDescriptor descriptor() {
        return new StageDescriptor(TYPE, "1",
                "The fast mode: predicts the optimal transfer depth and initialisation for each source network and "
                        + "target size n at a fraction of the full sweep's cost, from linear probes of each layer of S "
                        + "(ridge, fitted on the n training rows, scored on the validation rows), the linear CKA of each "
                        + "layer with the target labels, and short fine-tunes of every starting network of the plan under "
                        + "successive halving (the prediction is the survivor with the lowest validation error). Reports "
                        + "the cost in training sample-epochs against the full sweep's (measured when fine-tune ran "
                        + "before it, else estimated from maxEpochs) and whether the two agree within one layer; with "
                        + "several sources for the same target data, ranks them by predicted validation error "
                        + "(docs/fast-mode.md).",
                DepthPredictionParameters.SPECS,
                List.of(ArtifactKinds.TASK_PAIR, ArtifactKinds.SOURCE_NETWORK, ArtifactKinds.TRANSFER_PLAN),
                List.of(ArtifactKinds.TRANSFER_RESULTS), List.of(OUTPUT), StageScope.WHOLE_PIPELINE, true);
    }

    @Override
    public ParameterBinder<DepthPredictionParameters> binder() {
        return DepthPredictionParameters.BINDER;
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        DepthPredictionParameters p = binder().bind(ctx.parameters());
        List<Artifact> pairs = ctx.inputs(ArtifactKinds.TASK_PAIR);
        List<Artifact> plans = ctx.inputs(ArtifactKinds.TRANSFER_PLAN);
        List<Artifact> results = ctx.inputs(ArtifactKinds.TRANSFER_RESULTS);
        List<PlannedUnit<UnitTag, PredictionUnit>> units = new ArrayList<>();
        for (Artifact source : ctx.inputs(ArtifactKinds.SOURCE_NETWORK)) {
            Artifact pair = sameSlot(pairs, source, ArtifactKinds.TASK_PAIR);
            TransferPlan plan = JSON.readValue(sameSlot(plans, source, ArtifactKinds.TRANSFER_PLAN).file("plan.json")
                    .toFile(), TransferPlan.class);
            p.sweep().requireFit(pair);
            String target = targetDigest(pair.directory());
            for (int n : p.sweep().sizes()) {
                units.add(new PlannedUnit<>(label(source) + "/seed" + source.seedIndex() + "/n" + n,
                        new UnitTag(source, pair, target, n),
                        new PredictionUnit(n, p.sweep().split(), DepthPredictor.candidates(plan.starts()), p.training(),
                                p.schedule(), p.probeRidge(), p.probePruning()),
                        List.of(pair.key(), source.key()), UNIT_OUTPUT,
                        ctx.seed().derive(source.seedIndex()).derive(n).value()));
            }
        }
        ctx.progress().status(units.size() + " predictions");
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> layerRows = new ArrayList<>();
        List<Map<String, Object>> halvingRows = new ArrayList<>();
        List<SourceRanking.Entry> entries = new ArrayList<>();
        for (FinishedUnit<UnitTag, PredictionUnit> done : TypedUnits.fanOut(ctx, units)) {
            UnitTag tag = done.tag();
            UnitResult r = JSON.readValue(done.artifact().file(RESULT_FILE).toFile(), UnitResult.class);
            Artifact sweepResults = results.stream().filter(a -> a.matrixCell().equals(tag.source().matrixCell()))
                    .findFirst().orElse(null);
            SweepComparison sweep = sweepResults == null ? null
                    : SweepComparison.of(sweepResults, tag.source().seedIndex(), tag.targetSize());
            Map<String, Object> row = identifying(tag);
            row.put("trainSize", r.trainSize());
            row.put("validationSize", r.validationSize());
            row.put("predictedDepth", r.depth());
            row.put("predictedInit", r.init());
            row.put("predictedValidationError", r.validationError());
            row.put("probeDepth", r.probeDepth());
            row.put("similarityDepth", r.similarityDepth());
            row.put("costSampleEpochs", r.costSampleEpochs());
            long full = sweep != null ? sweep.costSampleEpochs()
                    : (long) r.candidates() * done.unit().training().maxEpochs() * r.trainSize();
            row.put("fullSweepCostSampleEpochs", full);
            row.put("fullSweepCost", sweep != null ? "measured" : "estimated");
            row.put("costRatio", (double) r.costSampleEpochs() / full);
            row.put("seconds", done.artifact().metadata().get("seconds"));
            if (!results.isEmpty()) {
                row.put("fullSweepSeconds", sweep == null ? null : sweep.seconds());
                row.put("fullSweepDepth", sweep == null ? null : sweep.depth());
                row.put("fullSweepInit", sweep == null ? null : sweep.init());
                row.put("agreeWithin1", sweep == null ? null : Math.abs(sweep.depth() - r.depth()) <= 1);
            }
            rows.add(row);
            for (Map<String, String> layer : Csv.read(done.artifact().file("layers.csv"))) {
                Map<String, Object> out = identifying(tag);
                out.putAll(layer);
                layerRows.add(out);
            }
            for (Map<String, String> rung : Csv.read(done.artifact().file("halving.csv"))) {
                Map<String, Object> out = identifying(tag);
                out.putAll(rung);
                halvingRows.add(out);
            }
            entries.add(new SourceRanking.Entry(tag.target(), tag.source().seedIndex(), tag.targetSize(),
                    label(tag.source()), r.validationError(), r.depth(), r.init(),
                    sweep == null ? Double.NaN : sweep.testError()));
        }
        ArtifactWriter out = ctx.output(OUTPUT);
        Csv.write(out.directory().resolve("predictions.csv"), rows);
        Csv.write(out.directory().resolve("layers.csv"), layerRows);
        Csv.write(out.directory().resolve("halving.csv"), halvingRows);
        SourceRanking ranking = new SourceRanking(entries);
        String summary = PredictionSummary.of(rows, p.schedule());
        if (!ranking.isEmpty()) {
            Csv.write(out.directory().resolve("ranking.csv"), ranking.rows());
            summary += "\n" + ranking.summary();
            out.putMetadata("recommendedSource", ranking.choice().entrySet().stream()
                    .collect(Collectors.toMap(e -> String.valueOf(e.getKey()), Map.Entry::getValue)));
        }
        out.putMetadata("summary", summary);
        out.putMetadata("mainFile", "predictions.csv");
        out.putMetadata("predictions", rows.size());
    }

    /** The first columns of every row: the source's matrix cell, seed, label, target and size. */
    private static Map<String, Object> identifying(UnitTag tag) {
        Map<String, Object> row = new LinkedHashMap<>(tag.source().matrixCell());
        row.put("seed", tag.source().seedIndex());
        row.put("source", label(tag.source()));
        row.put("target", tag.target());
        row.put("targetSize", tag.targetSize());
        return row;
    }

    /** A source network's name: its matrix cell, e.g. {@code etaF=0.5}, or {@code source} without a matrix. */
    static String label(Artifact source) {
        if (source.matrixCell().isEmpty()) {
            return "source";
        }
        return source.matrixCell().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** The artifact of {@code kind} produced for the same matrix cell and seed as {@code source}. */
    private static Artifact sameSlot(List<Artifact> candidates, Artifact source, String kind) {
        for (Artifact a : candidates) {
            if (a.seedIndex() == source.seedIndex() && a.matrixCell().equals(source.matrixCell())) {
                return a;
            }
        }
        for (Artifact a : candidates) {
            if (a.seedIndex() == source.seedIndex() && source.matrixCell().entrySet().containsAll(a.matrixCell().entrySet())) {
                return a;
            }
        }
        throw new IllegalStateException("no " + kind + " for the source network of " + source.matrixCell() + ", seed "
                + source.seedIndex());
    }

    /** The first 12 hex digits of the SHA-256 of the target pool's files: equal for the same target data. */
    static String targetDigest(Path pairDirectory) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String file : List.of(TaskPairSet.TARGET_POOL.inputsFile(), TaskPairSet.TARGET_POOL.labelsFile())) {
            try (InputStream in = new DigestInputStream(Files.newInputStream(pairDirectory.resolve(file)), sha)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }

    /**
     * The stage's refusal of a source network it cannot predict for, e.g. a block (convolutional) one.
     *
     * @param why which network and why, e.g. {@code "cnn.onnx is a block (convolutional) network"}
     */
    public static String refusal(String why) {
        return TYPE + " predicts for fully connected source networks only; " + why;
    }

    @Override
    public void runUnit(UnitContext ctx) throws Exception {
        PredictionUnit u = TypedUnits.read(ctx, PredictionUnit.class);
        TaskPair pair = TaskPair.read(ctx.input(ArtifactKinds.TASK_PAIR).directory());
        Path sourceDir = ctx.input(ArtifactKinds.SOURCE_NETWORK).directory().resolve("network");
        Network source;
        try {
            source = NetworkIo.load(sourceDir);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(refusal("the source network in " + sourceDir + " cannot be read as one: "
                    + e.getMessage()), e);
        }
        TargetRows rows = TargetRows.of(pair, u.targetSize(), u.split());
        int classes = pair.classes(TaskRole.TARGET);
        Dataset train = new Dataset(rows.trainingSet().inputMatrix(), rows.trainingSet().labels());
        Dataset validation = new Dataset(rows.validationSet().inputMatrix(), rows.validationSet().labels());
        DepthPredictor.Prediction prediction;
        try (KernelThreads threads = KernelThreads.of(ctx.threads())) {
            prediction = DepthPredictor.predict(source, classes, train, validation, u.candidates(), u.training().config(),
                    u.schedule(), u.probeRidge(), u.probePruning(), ctx.cancellation(), threads);
        }
        Path dir = ctx.output().directory();
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(RESULT_FILE).toFile(),
                new UnitResult(rows.trainSize(), rows.validationSize(), prediction.depth(), prediction.init(),
                        prediction.validationError(), prediction.costSampleEpochs(), prediction.probeDepth(),
                        prediction.similarityDepth(), u.candidates().size()));
        Csv.write(dir.resolve("layers.csv"), prediction.layerRows());
        Csv.write(dir.resolve("halving.csv"), prediction.halvingRows());
        rows.write(dir);
        ctx.output().putMetadata("seconds", prediction.seconds());
    }
}
