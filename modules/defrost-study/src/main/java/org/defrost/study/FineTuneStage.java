package org.defrost.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Dataset;
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
import org.defrost.spi.ParameterBinder;
import org.defrost.spi.ParameterException;
import org.defrost.spi.ParameterParts;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.spi.Seed;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.defrost.spi.UnitContext;
import org.defrost.study.support.Csv;
import org.defrost.study.support.FinishedUnit;
import org.defrost.study.support.PlannedUnit;
import org.defrost.study.support.SeedInputs;
import org.defrost.study.support.SweepStage;
import org.defrost.study.support.TargetRows;
import org.defrost.study.support.TargetSizes;
import org.defrost.study.support.TargetSweep;
import org.defrost.study.support.TrainingHistory;
import org.defrost.study.support.TrainingSettings;
import org.defrost.study.support.TypedUnits;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TargetSplit;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.TaskRole;

/**
 * {@code fine-tune}: trains every cell of the sweep (target size × depth × initialisation × seed) as a
 * work unit ({@link FineTuneCell}), then writes the tidy table, the per-depth summary and the optimal depths
 * chosen on validation error ({@link TransferStatistics}).
 */
public final class FineTuneStage implements SweepStage<FineTuneStage.Settings> {
    static final String TYPE = "fine-tune";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the stage needs back about a cell to place it in its tables: not part of the unit's key. */
    private record CellId(int seed, int targetSize, int depth, String init) {
    }

    @Override
    public List<String> counters() {
        return TrainingReporter.COUNTERS_WITH_DIVERGENCE;
    }

    @Override
    public StageDescriptor descriptor() {
        List<ParameterSpec> specs = new ArrayList<>(TrainingParameters.TRAINING);
        specs.add(TargetSizes.sizes("each cell"));
        specs.addAll(TargetSizes.VALIDATION);
        specs.add(ParameterSpec.bool("cacheFrozenPrefix", true,
                "Evaluate the frozen layers once per dataset and train the rest on the cached features "
                        + "(same results, faster)."));
        specs.add(ParameterSpec.number("alpha", 0.05, "Significance level of the one-sided paired tests; the gain "
                + "intervals have coverage 1 - alpha.").withRange(1e-6, 0.5));
        specs.add(ParameterSpec.integer("bootstrapResamples", 2000, "Seed-bootstrap resamples for the probability "
                + "that each depth is chosen and for the gain intervals.").withRange(100, 1_000_000));
        return new StageDescriptor(TYPE, "2",
                "Trains each starting network of the plan on target training sets of each size n (n examples trained "
                        + "on; nested: a smaller set is a prefix of a larger one), with early stopping on validation rows "
                        + "from the rest of the target pool, and measures the 0/1 error on the target test set. Chooses "
                        + "the optimal transfer depth and initialisation on validation error, and reports their test "
                        + "error, the gains over scratch and over freezing all feature layers with seed-bootstrap "
                        + "intervals, and one-sided paired tests (docs/statistics.md).",
                specs, List.of(ArtifactKinds.TASK_PAIR, ArtifactKinds.SOURCE_NETWORK, ArtifactKinds.TRANSFER_PLAN),
                List.of(ArtifactKinds.TRANSFER_RESULTS), StageScope.EACH_MATRIX_CELL);
    }

    /**
     * The stage's parameters, bound in one step.
     *
     * @param training           how each cell is trained
     * @param sweep              the target sizes and their validation rows
     * @param alpha              significance level of the paired tests
     * @param bootstrapResamples seed-bootstrap resamples
     */
    record Settings(TrainingSettings training, TargetSweep sweep, double alpha, int bootstrapResamples)
            implements SweepStage.Settings {
        /** @throws ParameterException with the problems of the training settings and of the sweep, together */
        static Settings of(Parameters p) {
            ParameterParts parts = new ParameterParts(p);
            TrainingSettings training = parts.bind(TrainingSettings::of);
            TargetSweep sweep = parts.bind(TargetSweep::of);
            parts.check();
            return new Settings(training, sweep, p.getDouble("alpha"), p.getInt("bootstrapResamples"));
        }
    }

    @Override
    public ParameterBinder<Settings> binder() {
        return Settings::of;
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        Settings settings = binder().bind(ctx.parameters());
        List<SeedInputs> seeds = SeedInputs.of(ctx);
        List<Artifact> plans = ctx.inputs(ArtifactKinds.TRANSFER_PLAN);
        TargetSweep sweep = settings.sweep();
        TargetSplit split = sweep.split();
        List<PlannedUnit<CellId, FineTuneCell>> units = new ArrayList<>();
        TransferPlan firstPlan = null;
        for (int s = 0; s < seeds.size(); s++) {
            SeedInputs in = seeds.get(s);
            TransferPlan plan = TransferPlan.read(plans.get(s).directory());
            firstPlan = firstPlan == null ? plan : firstPlan;
            sweep.requireFit(in.taskPair());
            for (int n : sweep.sizes()) {
                for (TransferPlan.Start start : plan.starts()) {
                    units.add(new PlannedUnit<>("seed" + in.seedIndex() + "/n" + n + "/" + start.name(),
                            new CellId(in.seedIndex(), n, start.depth(), start.init()),
                            new FineTuneCell(n, split, start.depth(), start.build(), plan.twoStage(),
                                    plan.twoStageFactor(), settings.training()),
                            in.keys(), ArtifactKinds.TRANSFER_CELL, start.seed()));
                }
            }
        }
        ctx.progress().status(units.size() + " cells");
        List<FinishedUnit<CellId, FineTuneCell>> done = TypedUnits.fanOut(ctx, units);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<TransferStatistics.Observation> observations = new ArrayList<>();
        for (FinishedUnit<CellId, FineTuneCell> cell : done) {
            CellResult r = JSON.readValue(cell.artifact().file(CellResult.FILE).toFile(), CellResult.class);
            CellId id = cell.tag();
            Map<String, Object> row = identifying(ctx.matrixCell(), id);
            row.put("trainSize", r.trainSize());
            row.put("validationSize", r.validationSize());
            row.put("validationFromBudget", split.fromBudget());
            row.putAll(r.measurements());
            row.put("seconds", cell.artifact().metadata().get("seconds"));
            row.put("samplesPerSecond", cell.artifact().metadata().get("samplesPerSecond"));
            row.put("cellKey", cell.artifact().key());
            rows.add(row);
            observations.add(new TransferStatistics.Observation(id.targetSize(), r.trainSize(), r.validationSize(),
                    id.init(), r.build(), id.depth(), id.seed(), r.validationError(), r.testError()));
        }
        int layers = firstPlan.hiddenLayers();
        List<String> inits = firstPlan.starts().stream().map(TransferPlan.Start::init).distinct().toList();
        TransferStatistics statistics = new TransferStatistics(observations, new TransferStatistics.Settings(layers, inits,
                settings.alpha(), settings.bootstrapResamples(), ctx.seed().derive("bootstrap").value(),
                split.fromBudget()));
        ArtifactWriter out = ctx.output(ArtifactKinds.TRANSFER_RESULTS);
        Csv.write(out.directory().resolve("cells.csv"), rows);
        Csv.write(out.directory().resolve("summary.csv"), statistics.summaryRows(ctx.matrixCell()));
        Csv.write(out.directory().resolve("optimal-depths.csv"), statistics.optimumRows(ctx.matrixCell()));
        Csv.write(out.directory().resolve("curves.csv"), representativeCurves(statistics, done, layers, ctx.matrixCell()));
        out.putMetadata("summary", TransferSummaryText.of(statistics, ctx.matrixCell(), seeds.size(), layers,
                settings.alpha(), split.fromBudget()));
        out.putMetadata("hiddenLayers", layers);
        Object blockNames = seeds.get(0).sourceNetwork().metadata().get("blockNames");
        if (blockNames != null) {
            out.putMetadata("blockNames", blockNames);
        }
        out.putMetadata("seeds", seeds.size());
        out.putMetadata("cells", rows.size());
        out.putMetadata("cellKeys", done.stream().map(d -> d.artifact().key()).toList());
    }

    private static Map<String, Object> identifying(Map<String, Object> matrixCell, CellId id) {
        Map<String, Object> row = new LinkedHashMap<>(matrixCell);
        row.put("seed", id.seed());
        row.put("targetSize", id.targetSize());
        row.put("depth", id.depth());
        row.put("init", id.init());
        return row;
    }

    /**
     * Training curves of the representative cells: for each target size, the first seed's cells at ℓ*, at
     * ℓ = 0 and at ℓ = L with the chosen initialisation, one row per epoch.
     */
    private static List<Map<String, Object>> representativeCurves(TransferStatistics statistics,
                                                                  List<FinishedUnit<CellId, FineTuneCell>> done, int layers,
                                                                  Map<String, Object> matrixCell) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        int firstSeed = done.stream().mapToInt(d -> d.tag().seed()).min().orElse(0);
        for (TransferStatistics.Optimum o : statistics.optima) {
            Set<Integer> depths = new TreeSet<>(List.of(o.chosen().depth(), 0, layers));
            for (FinishedUnit<CellId, FineTuneCell> d : done) {
                CellId id = d.tag();
                if (id.seed() == firstSeed && id.targetSize() == o.targetSize() && id.init().equals(o.chosen().init())
                        && depths.contains(id.depth())) {
                    for (Map<String, Object> epoch : TrainingHistory.read(d.artifact().file(TrainingHistory.FILE))) {
                        Map<String, Object> row = identifying(matrixCell, id);
                        row.putAll(epoch);
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    @Override
    public void runUnit(UnitContext ctx) throws Exception {
        FineTuneCell u = TypedUnits.read(ctx, FineTuneCell.class);
        TaskPair pair = TaskPair.read(ctx.input(ArtifactKinds.TASK_PAIR).directory());
        java.nio.file.Path sourceDir = ctx.input(ArtifactKinds.SOURCE_NETWORK).directory().resolve("network");
        if (BlockStudy.isBlockNetwork(sourceDir)) {
            BlockCells.fineTune(ctx, u, pair, sourceDir);
            return;
        }
        Network network = startingNetwork(u, NetworkIo.load(sourceDir), pair, ctx.seed());
        trainCell(ctx, u, pair, new CellNetwork((config, reporter, train, validation, seed, threads) ->
                new Trainer(config).withCancellation(ctx.cancellation()).withListener(reporter)
                        .train(network, train, validation, seed, threads),
                network::evaluate, () -> network.freezeThrough(0)));
    }

    /**
     * A dense cell's starting network: layers 1..ℓ copied from {@code source} and frozen, the layers above copied or
     * drawn fresh as the cell's build says, a fresh readout for the pair's target classes.
     *
     * @param seed the cell's seed; its {@code init} stream draws the fresh layers. {@code source} is not modified.
     */
    static Network startingNetwork(FineTuneCell u, Network source, TaskPair pair, Seed seed) {
        NetworkSpec targetSpec = TrainingParameters.withHead(source.spec(), pair.classes(TaskRole.TARGET));
        UnfrozenInit init = u.build().equals("random") ? UnfrozenInit.RANDOM : UnfrozenInit.PRETRAINED;
        return Transfer.build(source, targetSpec, u.depth(), init, seed.derive("init"));
    }

    /** Trains a cell's network with early stopping on {@code validation}, minibatches drawn from {@code seed}. */
    @FunctionalInterface
    interface CellTraining {
        /** @param reporter receives every epoch */
        TrainingResult train(TrainingConfig config, TrainingReporter reporter, Dataset train, Dataset validation,
                             Seed seed, KernelThreads threads);
    }

    /**
     * The network of one cell, dense or block, as {@link #trainCell} drives it.
     *
     * @param training    trains it
     * @param evaluate    its error and loss on a set
     * @param unfreezeAll makes every layer (or block) trainable
     */
    record CellNetwork(CellTraining training, BiFunction<Dataset, KernelThreads, Evaluation> evaluate,
                       Runnable unfreezeAll) {
    }

    /**
     * Trains one cell on its target rows with early stopping (frozen layers' outputs computed once when
     * {@code cacheFrozenPrefix} holds); for a two-stage cell with frozen layers, then again with every layer
     * unfrozen at the learning rate times {@code twoStageFactor}; writes the cell's outputs ({@link #writeCell}).
     * Shared by dense and block networks.
     */
    static void trainCell(UnitContext ctx, FineTuneCell u, TaskPair pair, CellNetwork network) throws IOException {
        TrainingConfig config = u.training().config()
                .withCacheFrozenPrefix(!Boolean.FALSE.equals(ctx.parameters().get("cacheFrozenPrefix")));
        TrainingReporter reporter = new TrainingReporter(ctx, ctx.unit().name(), config.maxEpochs(),
                u.split().trainingCount(u.targetSize()), false);
        long start = System.nanoTime();
        TrainedCell cell;
        try (KernelThreads threads = KernelThreads.of(ctx.threads())) {
            cell = train(u, pair, network, config, reporter, ctx.seed(), threads);
        } catch (ArithmeticException e) {
            ctx.metrics().count("diverged_total", 1);
            throw e;
        }
        writeCell(ctx, u, u.targetSize(), cell.rows(), cell.test(), cell.result(), cell.firstStage(), cell.epochs(), start);
    }

    /**
     * A cell trained: the rows it used, its last training result, its test evaluation, the test error after the first
     * stage of a two-stage cell (else NaN) and the epochs of both stages.
     */
    record TrainedCell(TargetRows rows, TrainingResult result, Evaluation test, double firstStage, int epochs) {
    }

    /**
     * The training procedure of every cell, dense or block, in {@code fine-tune}'s units and when a cell's network is
     * trained again ({@link FineTunedNetworks}): early stopping on the cell's validation rows, minibatches drawn from
     * {@code seed}; for a two-stage cell with frozen layers, then again with every layer unfrozen at the learning rate
     * times {@code twoStageFactor}. {@code network} is modified: it ends trained.
     *
     * @param reporter receives every epoch, or null
     */
    static TrainedCell train(FineTuneCell u, TaskPair pair, CellNetwork network, TrainingConfig config,
                             TrainingReporter reporter, Seed seed, KernelThreads threads) throws IOException {
        int n = u.targetSize();
        TargetRows rows = TargetRows.of(pair, n, u.split());
        LabelledSet test = pair.load(TaskPairSet.TARGET_TEST);
        Dataset train = TaskData.dataset(rows.trainingSet());
        Dataset validation = TaskData.dataset(rows.validationSet());
        TrainingResult result = network.training().train(config, reporter, train, validation,
                seed.derive("batches").derive(n), threads);
        int epochs = result.epochsRun();
        double firstStage = Double.NaN;
        if (u.twoStage() && u.depth() > 0) {
            firstStage = network.evaluate().apply(TaskData.dataset(test), threads).error();
            network.unfreezeAll().run();
            TrainingConfig second = config.withLearningRate(config.learningRate() * u.twoStageFactor());
            result = network.training().train(second, reporter, train, validation,
                    seed.derive("second-stage").derive(n), threads);
            epochs += result.epochsRun();
        }
        return new TrainedCell(rows, result, network.evaluate().apply(TaskData.dataset(test), threads), firstStage, epochs);
    }

    /**
     * Writes a trained cell's outputs: {@code cell.json}, its training and validation rows and its training
     * history, plus the wall-clock metadata; shared by dense and block networks.
     *
     * @param start {@link System#nanoTime()} when the cell began
     */
    private static void writeCell(UnitContext ctx, FineTuneCell u, int n, TargetRows rows, Evaluation testEval,
                          TrainingResult result, double firstStage, int epochs, long start) throws IOException {
        double seconds = (System.nanoTime() - start) / 1e9;
        ctx.metrics().set("samples_per_second", result.samplesPerSecond());
        CellResult cell = new CellResult(n, rows.trainSize(), rows.validationSize(), u.depth(), u.build(),
                testEval.error(), testEval.loss(), result.best().validationError(), firstStage, epochs,
                result.bestEpoch(), result.stopReason().name().toLowerCase());
        ctx.output().putMetadata("seconds", seconds);
        ctx.output().putMetadata("samplesPerSecond", result.samplesPerSecond());
        JSON.writerWithDefaultPrettyPrinter().writeValue(ctx.output().directory().resolve(CellResult.FILE).toFile(), cell);
        rows.write(ctx.output().directory());
        TrainingHistory.write(ctx.output().directory().resolve(TrainingHistory.FILE), result);
    }
}
