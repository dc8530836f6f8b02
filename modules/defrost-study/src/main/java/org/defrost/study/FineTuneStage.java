package org.defrost.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Evaluation;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.io.NetworkIo;
import org.defrost.nn.train.Trainer;
import org.defrost.nn.train.TrainingConfig;
import org.defrost.nn.train.TrainingResult;
import org.defrost.nn.transfer.Transfer;
import org.defrost.nn.transfer.UnfrozenInit;
import org.defrost.spi.Artifact;
import org.defrost.spi.ArtifactWriter;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.spi.Seed;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.defrost.spi.UnitContext;
import org.defrost.spi.WorkUnit;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.ValidationSplit;

/**
 * {@code fine-tune}: trains every cell of the sweep (target size × depth × initialisation × seed) as a
 * work unit, then writes the tidy table, the per-depth summary and the optimal depths.
 *
 * <p>A cell's key holds only what determines its result (target size, depth, how the layers above start,
 * the training settings, its seed and the contents of its task pair and source network), so adding target
 * sizes or seeds to a pipeline trains only the new cells, and a killed sweep resumes where it stopped.
 */
public final class FineTuneStage implements Stage {
    static final String TYPE = "fine-tune";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public StageDescriptor descriptor() {
        return new StageDescriptor(TYPE, "1",
                "Trains each starting network of the plan on target training sets of each size (nested: a smaller "
                        + "set is a prefix of a larger one), with early stopping on a validation split, and measures "
                        + "the 0/1 error on the target test set. Summarises mean and standard error over seeds per "
                        + "depth, the optimal transfer depth, its gain over scratch and over freezing all feature "
                        + "layers, and a paired test against the latter.",
                TrainingParameters.all(List.of(
                        ParameterSpec.integers("targetSizes", null, "Target training set sizes n (fitting plus validation).")
                                .withRange(2, 100_000_000),
                        ParameterSpec.bool("cacheFrozenPrefix", true,
                                "Evaluate the frozen layers once per dataset and train the rest on the cached features "
                                        + "(same results, faster)."),
                        ParameterSpec.number("alpha", 0.05, "Significance level of the paired test against freezing all "
                                + "feature layers.").withRange(1e-6, 0.5))).stream()
                        .filter(s -> !TrainingParameters.ARCHITECTURE.contains(s)).toList(),
                List.of(ArtifactKinds.TASK_PAIR, ArtifactKinds.SOURCE_NETWORK, ArtifactKinds.TRANSFER_PLAN),
                List.of(ArtifactKinds.TRANSFER_RESULTS), StageScope.EACH_MATRIX_CELL);
    }

    /** Every target size must fit in the task pair's target pool. */
    @Override
    public List<ParameterProblem> checkInputSizes(Parameters p, Map<String, Map<String, Long>> inputSizes) {
        Long pool = inputSizes.getOrDefault(ArtifactKinds.TASK_PAIR, Map.of()).get(TaskPair.TARGET_POOL_SIZE);
        for (int n : pool == null ? List.<Integer>of() : p.getIntList("targetSizes")) {
            if (n > pool) {
                return List.of(new ParameterProblem("targetSizes", "target size " + n + " exceeds the target pool of "
                        + pool + " examples (targetPoolSize of the task pair); enlarge the pool or use smaller sizes"));
            }
        }
        return List.of();
    }

    @Override
    public List<ParameterProblem> validate(Parameters p) {
        return p.getString("optimizer").equals("sgd") || !p.getBoolean("nesterov") ? List.of()
                : List.of(new ParameterProblem("nesterov", "nesterov applies only to optimizer: sgd"));
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        Parameters p = ctx.parameters();
        List<Artifact> pairs = ctx.inputs(ArtifactKinds.TASK_PAIR);
        List<Artifact> sources = ctx.inputs(ArtifactKinds.SOURCE_NETWORK);
        List<Artifact> plans = ctx.inputs(ArtifactKinds.TRANSFER_PLAN);
        Map<String, Object> training = new LinkedHashMap<>();
        for (ParameterSpec s : TrainingParameters.TRAINING) {
            training.put(s.name(), p.get(s.name()));
        }
        List<WorkUnit> units = new ArrayList<>();
        List<Map<String, Object>> ids = new ArrayList<>();
        TransferPlan firstPlan = null;
        for (int s = 0; s < pairs.size(); s++) {
            Artifact pair = pairs.get(s);
            TransferPlan plan = TransferPlan.read(plans.get(s).directory());
            firstPlan = firstPlan == null ? plan : firstPlan;
            int pool = TaskPair.read(pair.directory()).size(TaskPairSet.TARGET_POOL);
            for (int n : p.getIntList("targetSizes")) {
                if (n > pool) {
                    throw new IllegalArgumentException("targetSizes: " + n + " exceeds the target pool of " + pool
                            + " examples; enlarge the task's target pool or use smaller sizes");
                }
                for (TransferPlan.Start start : plan.starts()) {
                    Map<String, Object> unit = new LinkedHashMap<>(training);
                    unit.put("targetSize", n);
                    unit.put("depth", start.depth());
                    unit.put("build", start.build());
                    unit.put("twoStage", plan.twoStage());
                    unit.put("twoStageFactor", plan.twoStageFactor());
                    units.add(new WorkUnit("seed" + pair.seedIndex() + "/n" + n + "/" + start.name(), unit,
                            List.of(pair.key(), sources.get(s).key()), ArtifactKinds.TRANSFER_CELL, start.seed()));
                    Map<String, Object> id = new LinkedHashMap<>(ctx.matrixCell());
                    id.put("seed", pair.seedIndex());
                    id.put("targetSize", n);
                    id.put("depth", start.depth());
                    id.put("init", start.init());
                    ids.add(id);
                }
            }
        }
        ctx.progress().status(units.size() + " cells");
        List<Artifact> done = ctx.fanOut(units);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<TransferSummary.Observation> observations = new ArrayList<>();
        for (int i = 0; i < done.size(); i++) {
            CellResult r = JSON.readValue(done.get(i).file(CellResult.FILE).toFile(), CellResult.class);
            Map<String, Object> row = new LinkedHashMap<>(ids.get(i));
            row.putAll(r.measurements());
            row.put("seconds", done.get(i).metadata().get("seconds"));
            row.put("samplesPerSecond", done.get(i).metadata().get("samplesPerSecond"));
            row.put("cellKey", done.get(i).key());
            rows.add(row);
            observations.add(new TransferSummary.Observation(r.targetSize(), (String) ids.get(i).get("init"), r.depth(),
                    (Integer) ids.get(i).get("seed"), r.testError()));
        }
        TransferSummary summary = new TransferSummary(observations, firstPlan.hiddenLayers(), p.getDouble("alpha"));
        ArtifactWriter out = ctx.output(ArtifactKinds.TRANSFER_RESULTS);
        Csv.write(out.directory().resolve("cells.csv"), rows);
        Csv.write(out.directory().resolve("summary.csv"), summary.depthRows(ctx.matrixCell()));
        Csv.write(out.directory().resolve("optimal-depths.csv"), summary.optimumRows(ctx.matrixCell()));
        Csv.write(out.directory().resolve("curves.csv"), representativeCurves(summary, ids, done, firstPlan.hiddenLayers()));
        out.putMetadata("summary", summary.text(ctx.matrixCell(), pairs.size()));
        out.putMetadata("hiddenLayers", firstPlan.hiddenLayers());
        out.putMetadata("seeds", pairs.size());
        out.putMetadata("cells", rows.size());
        out.putMetadata("cellKeys", done.stream().map(Artifact::key).toList());
    }

    /**
     * Training curves of the representative cells: for each target size and initialisation, the first seed's
     * cells at ℓ*, at ℓ = 0 and at ℓ = L, one row per epoch.
     */
    private static List<Map<String, Object>> representativeCurves(TransferSummary summary, List<Map<String, Object>> ids,
                                                                  List<Artifact> done, int layers) throws java.io.IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        int firstSeed = ids.stream().mapToInt(id -> (Integer) id.get("seed")).min().orElse(0);
        for (TransferSummary.Optimum o : summary.optima) {
            java.util.Set<Integer> depths = new java.util.TreeSet<>(List.of(o.depthStar(), 0, layers));
            for (int i = 0; i < ids.size(); i++) {
                Map<String, Object> id = ids.get(i);
                if ((Integer) id.get("seed") == firstSeed && id.get("targetSize").equals(o.targetSize())
                        && id.get("init").equals(o.init()) && depths.contains((Integer) id.get("depth"))) {
                    for (String line : java.nio.file.Files.readAllLines(done.get(i).file("history.csv")).stream().skip(1).toList()) {
                        String[] v = line.split(",");
                        Map<String, Object> row = new LinkedHashMap<>(id);
                        row.put("epoch", Integer.parseInt(v[0]));
                        row.put("trainLoss", Double.parseDouble(v[1]));
                        row.put("validationLoss", Double.parseDouble(v[2]));
                        row.put("validationError", Double.parseDouble(v[3]));
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    @Override
    public void runUnit(UnitContext ctx) throws Exception {
        Parameters u = new Parameters(ctx.unit().parameters());
        TaskPair pair = TaskPair.read(ctx.input(ArtifactKinds.TASK_PAIR).directory());
        Network source = NetworkIo.load(ctx.input(ArtifactKinds.SOURCE_NETWORK).directory().resolve("network"));
        int n = u.getInt("targetSize");
        int depth = u.getInt("depth");
        ValidationSplit.Split split = pair.targetTrainSplit(n, TrainingParameters.split(u));
        LabelledSet test = pair.load(TaskPairSet.TARGET_TEST);
        int classes = pair.classes(org.defrost.tasks.TaskRole.TARGET);
        NetworkSpec targetSpec = source.spec().withOutput(classes == 2 ? 1 : classes,
                classes == 2 ? org.defrost.nn.Head.BINARY_LOGISTIC : org.defrost.nn.Head.SOFTMAX_CROSS_ENTROPY);
        Seed seed = ctx.seed();
        UnfrozenInit init = u.getString("build").equals("random") ? UnfrozenInit.RANDOM : UnfrozenInit.PRETRAINED;
        Network network = Transfer.build(source, targetSpec, depth, init, seed.derive("init"));
        TrainingConfig config = TrainingParameters.training(u)
                .withCacheFrozenPrefix(!Boolean.FALSE.equals(ctx.parameters().get("cacheFrozenPrefix")));
        Trainer trainer = new Trainer(config).withCancellation(ctx.cancellation())
                .withListener(new TrainingReporter(ctx, ctx.unit().name(), config.maxEpochs(), split.training().size(), false));
        long start = System.nanoTime();
        TrainingResult result;
        Evaluation testEval;
        double firstStage = Double.NaN;
        int epochs;
        try (KernelThreads threads = KernelThreads.of(ctx.threads())) {
            var train = TaskData.dataset(split.training());
            var validation = TaskData.dataset(split.validation());
            result = trainer.train(network, train, validation, seed.derive("batches").derive(n), threads);
            epochs = result.epochsRun();
            if (u.getBoolean("twoStage") && depth > 0) {
                firstStage = network.evaluate(TaskData.dataset(test), threads).error();
                for (int layer = 1; layer <= network.layerCount(); layer++) {
                    network.setFrozen(layer, false);
                }
                result = trainer.withConfig(config.withLearningRate(config.learningRate() * u.getDouble("twoStageFactor")))
                        .train(network, train, validation, seed.derive("second-stage").derive(n), threads);
                epochs += result.epochsRun();
            }
            testEval = network.evaluate(TaskData.dataset(test), threads);
        } catch (ArithmeticException e) {
            ctx.metrics().count("diverged_total", 1);
            throw e;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ctx.metrics().set("samples_per_second", result.samplesPerSecond());
        CellResult cell = new CellResult(n, depth, u.getString("build"), testEval.error(), testEval.loss(),
                result.best().validationError(), firstStage, epochs, result.bestEpoch(),
                result.stopReason().name().toLowerCase());
        ctx.output().putMetadata("seconds", seconds);
        ctx.output().putMetadata("samplesPerSecond", result.samplesPerSecond());
        JSON.writerWithDefaultPrettyPrinter().writeValue(ctx.output().directory().resolve(CellResult.FILE).toFile(), cell);
        PretrainStage.writeHistory(ctx.output().directory().resolve("history.csv"), result);
    }
}
