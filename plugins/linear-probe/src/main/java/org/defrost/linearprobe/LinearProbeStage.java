package org.defrost.linearprobe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Dataset;
import org.defrost.nn.Evaluation;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.io.NetworkIo;
import org.defrost.nn.train.Optimizer;
import org.defrost.nn.train.Trainer;
import org.defrost.nn.train.TrainingConfig;
import org.defrost.nn.train.TrainingResult;
import org.defrost.spi.ArtifactWriter;
import org.defrost.spi.ParameterBinder;
import org.defrost.spi.ParameterException;
import org.defrost.spi.ParameterParts;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
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
import org.defrost.study.support.TypedUnits;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.TaskRole;
import org.ejml.data.FMatrixRMaj;

/**
 * {@code linear-probe}: for every seed, target training set size n and layer k = 0..L of the source network S,
 * a work unit trains a linear readout (logistic regression for two classes, softmax regression otherwise) on
 * the frozen outputs of layer k for n examples of the target pool, with early stopping on validation rows
 * taken as {@code fine-tune} takes them, and measures its target test error. The stage then writes the profile over layers.
 *
 * <p>A probe's key holds only what determines it (n, k, the readout's training settings, the seed and the
 * contents of the task pair and of S), so adding sizes, layers or seeds to a pipeline trains only the new probes.
 */
public final class LinearProbeStage implements SweepStage<LinearProbeStage.Settings> {
    static final String TYPE = "linear-probe";
    static final String TASK_PAIR = org.defrost.spi.ArtifactKinds.TASK_PAIR;
    static final String SOURCE_NETWORK = org.defrost.spi.ArtifactKinds.SOURCE_NETWORK;
    static final String OUTPUT = "linear-probe";
    static final String PROBE = "linear-probe-cell";
    /** The readout's training settings: every one of them goes into each probe's key. */
    private static final List<ParameterSpec> TRAINING = List.of(
            ParameterSpec.number("learningRate", 0.01, "Adam learning rate of the readout.").withRange(1e-9, 10),
            ParameterSpec.number("weightDecay", 1e-4, "L2 penalty on the readout's weights.").withRange(0, 10),
            ParameterSpec.integer("batchSize", 128, "Minibatch size; a smaller training set uses its own size.")
                    .withRange(1, 1_000_000),
            ParameterSpec.integer("maxEpochs", 300, "Upper bound on the readout's training epochs.").withRange(1, 1_000_000),
            ParameterSpec.integer("patience", 20, "Early stopping: epochs without validation improvement.")
                    .withRange(1, 1_000_000),
            ParameterSpec.bool("standardise", true,
                    "Centre and scale each feature by its mean and standard deviation on the fitting rows."));

    @Override
    public List<String> counters() {
        return List.of("epochs_total", "probes_total");
    }

    @Override
    public StageDescriptor descriptor() {
        List<ParameterSpec> parameters = new ArrayList<>(List.of(
                TargetSizes.sizes("each readout"),
                ParameterSpec.integers("layers", null, "Layers of S to probe: 0 is the input, L the last feature "
                        + "layer; all means 0..L.").withChoices(List.of("all")).withRange(0, 10_000).withDefault("all")));
        parameters.addAll(TargetSizes.VALIDATION);
        parameters.addAll(TRAINING);
        return new StageDescriptor(TYPE, "2",
                "Trains a linear readout (logistic or softmax regression) on the frozen outputs of each layer of the "
                        + "source network S, the input layer included, with n examples of the target pool (validation "
                        + "rows as fine-tune takes them), "
                        + "and measures its target test error: the layer-wise linear separability profile of the "
                        + "target task in S's features. Writes one row per seed, size and layer (probes.csv), the "
                        + "mean and standard error over seeds (profile.csv) and a summary.",
                parameters, List.of(TASK_PAIR, SOURCE_NETWORK), List.of(OUTPUT), StageScope.EACH_MATRIX_CELL);
    }

    /**
     * The stage's parameters, bound in one step.
     *
     * @param sweep        the target sizes and their validation rows
     * @param layers       the listed layers, ascending, or empty for {@code all}
     * @param learningRate Adam learning rate of the readout
     * @param weightDecay  L2 penalty on the readout's weights
     * @param batchSize    minibatch size
     * @param maxEpochs    upper bound on epochs
     * @param patience     early stopping: epochs without validation improvement
     * @param standardise  centre and scale each feature with statistics of the fitting rows
     */
    record Settings(TargetSweep sweep, List<Integer> layers, double learningRate, double weightDecay, int batchSize,
                    int maxEpochs, int patience, boolean standardise) implements SweepStage.Settings {

        /**
         * @throws ParameterException naming {@code layers} for each layer listed twice and {@code targetSizes} for the
         *                            sweep's problems, together
         */
        static Settings of(Parameters p) {
            ParameterParts parts = new ParameterParts(p);
            TargetSweep sweep = parts.bind(TargetSweep::of);
            List<Integer> layers = p.isWord("layers", "all") ? List.of() : p.getIntList("layers");
            Set<Integer> seen = new HashSet<>();
            for (int v : layers) {
                if (!seen.add(v)) {
                    parts.refuse("layers", v + " is listed twice");
                }
            }
            parts.check();
            return new Settings(sweep, layers.stream().sorted().toList(), p.getDouble("learningRate"),
                    p.getDouble("weightDecay"), p.getInt("batchSize"), p.getInt("maxEpochs"), p.getInt("patience"),
                    p.getBoolean("standardise"));
        }

        /**
         * The layers to probe for a source network with {@code hiddenLayers} feature layers, ascending.
         *
         * @throws IllegalArgumentException naming a listed layer deeper than {@code hiddenLayers}
         */
        List<Integer> layersFor(int hiddenLayers) {
            if (layers.isEmpty()) {
                return IntStream.rangeClosed(0, hiddenLayers).boxed().toList();
            }
            for (int k : layers) {
                if (k > hiddenLayers) {
                    throw new IllegalArgumentException("layers: " + k + " is deeper than the source network's "
                            + hiddenLayers + " feature layers");
                }
            }
            return layers;
        }

        /** The unit probing layer {@code k} with {@code n} target examples. */
        ProbeUnit unit(int n, int k) {
            return new ProbeUnit(n, sweep.split(), k, learningRate, weightDecay, batchSize, maxEpochs, patience,
                    standardise);
        }
    }

    private static final ParameterBinder<Settings> BINDER = Settings::of;

    /** Binds in one step; validation and the pool check before the run come from {@link SweepStage}. */
    @Override
    public ParameterBinder<Settings> binder() {
        return BINDER;
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        Settings settings = BINDER.bind(ctx.parameters());
        List<SeedInputs> seeds = SeedInputs.of(ctx);
        List<PlannedUnit<Integer, ProbeUnit>> units = new ArrayList<>();
        int hiddenLayers = 0;
        for (SeedInputs in : seeds) {
            hiddenLayers = NetworkIo.load(in.network()).spec().hiddenLayerCount();
            settings.sweep().requireFit(in.taskPair());
            for (int n : settings.sweep().sizes()) {
                for (int k : settings.layersFor(hiddenLayers)) {
                    units.add(new PlannedUnit<>("seed" + in.seedIndex() + "/n" + n + "/layer" + k, in.seedIndex(),
                            settings.unit(n, k), in.keys(), PROBE,
                            ctx.seedFor(in.seedIndex()).derive("probe").derive(n).derive(k).value()));
                }
            }
        }
        ctx.progress().status(units.size() + " probes");
        List<ProbeTable.Entry> entries = new ArrayList<>();
        for (FinishedUnit<Integer, ProbeUnit> done : TypedUnits.fanOut(ctx, units)) {
            entries.add(new ProbeTable.Entry(done.tag(), ProbeResult.read(done.artifact().directory())));
        }
        ProbeTable table = new ProbeTable(entries, ctx.matrixCell());
        ArtifactWriter out = ctx.output(OUTPUT);
        Csv.write(out.directory().resolve("probes.csv"), table.probeRows());
        Csv.write(out.directory().resolve("profile.csv"), table.profileRows());
        out.putMetadata("summary", table.summary(seeds.size()));
        out.putMetadata("mainFile", "profile.csv");
        out.putMetadata("hiddenLayers", hiddenLayers);
        out.putMetadata("seeds", seeds.size());
        out.putMetadata("probes", units.size());
    }

    @Override
    public void runUnit(UnitContext ctx) throws Exception {
        ProbeUnit u = TypedUnits.read(ctx, ProbeUnit.class);
        TaskPair pair = TaskPair.read(ctx.input(TASK_PAIR).directory());
        Network source = NetworkIo.load(ctx.input(SOURCE_NETWORK).directory().resolve("network"));
        int layer = u.layer();
        TargetRows split = TargetRows.of(pair, u.targetSize(), u.split());
        LabelledSet test = pair.load(TaskPairSet.TARGET_TEST);
        int classes = pair.classes(TaskRole.TARGET);
        ProbeResult result;
        try (KernelThreads threads = KernelThreads.of(ctx.threads())) {
            FMatrixRMaj fit = LayerFeatures.of(source, layer, split.trainingSet().inputMatrix(), threads, ctx.cancellation());
            FMatrixRMaj validation = LayerFeatures.of(source, layer, split.validationSet().inputMatrix(), threads,
                    ctx.cancellation());
            FMatrixRMaj testFeatures = LayerFeatures.of(source, layer, test.inputMatrix(), threads, ctx.cancellation());
            if (u.standardise()) {
                Standardisation standardisation = Standardisation.fit(fit);
                standardisation.apply(fit);
                standardisation.apply(validation);
                standardisation.apply(testFeatures);
            }
            // A convex problem: starting from zero weights leaves only the minibatch order to the seed.
            Network readout = Network.zeros(NetworkSpec.of(fit.numCols, List.of(), classes == 2 ? 1 : classes));
            TrainingConfig config = TrainingConfig.defaults().withOptimizer(Optimizer.adam())
                    .withLearningRate(u.learningRate()).withWeightDecay(u.weightDecay())
                    .withBatchSize(u.batchSize()).withMaxEpochs(u.maxEpochs()).withPatience(u.patience());
            Trainer trainer = new Trainer(config).withCancellation(ctx.cancellation())
                    .withListener(epoch -> ctx.metrics().count("epochs_total", 1));
            Dataset fitSet = new Dataset(fit, split.trainingSet().labels());
            TrainingResult trained = trainer.train(readout, fitSet, new Dataset(validation, split.validationSet().labels()),
                    ctx.seed().derive("batches"), threads);
            Evaluation onTest = readout.evaluate(new Dataset(testFeatures, test.labels()), threads);
            result = new ProbeResult(u.targetSize(), split.trainSize(), split.validationSize(), layer, fit.numCols, onTest.error(), onTest.loss(),
                    readout.evaluate(fitSet, threads).error(), trained.best().validationError(), trained.epochsRun(),
                    trained.bestEpoch(), trained.stopReason().name().toLowerCase(java.util.Locale.ROOT));
        }
        result.write(ctx.output().directory());
        split.write(ctx.output().directory());
        ctx.metrics().count("probes_total", 1);
    }
}
