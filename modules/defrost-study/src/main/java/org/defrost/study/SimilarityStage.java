package org.defrost.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.io.NetworkIo;
import org.defrost.nn.train.Trainer;
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
import org.defrost.similarity.SimilarityMeasures;
import org.defrost.study.support.FinishedUnit;
import org.defrost.study.support.PlannedUnit;
import org.defrost.study.support.SeedInputs;
import org.defrost.study.support.SweepStage;
import org.defrost.study.support.TargetRows;
import org.defrost.study.support.TargetSizes;
import org.defrost.study.support.TargetSweep;
import org.defrost.study.support.TrainingSettings;
import org.defrost.study.support.TypedUnits;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TargetSplit;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.TaskRole;

/**
 * {@code similarity}: compares, layer by layer, the source network S with networks T* trained from scratch on
 * target data (method §6): by default one T* per seed on the largest training set the target pool supplies
 * (abundant data), and optionally one per listed target size n, so that the similarity can follow n. Each
 * T* is a work unit ({@link SimilarityUnit}, cached like any cell) that also computes every measure on every
 * pair of layers for every probe mode; the stage averages the seeds.
 */
public final class SimilarityStage implements SweepStage<SimilarityStage.Settings> {
    static final String TYPE = "similarity";
    static final List<String> PROBES = List.of("target", "source", "paired");
    /** Measures offered by the stage: every registered one. */
    static final List<String> MEASURES = SimilarityMeasures.NAMES;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the stage needs back about a T*: its seed index, size and whether it is the whole-pool network. */
    private record TargetNetwork(int seed, int targetSize, boolean pool) {
    }

    @Override
    public List<String> counters() {
        return TrainingReporter.COUNTERS;
    }

    @Override
    public StageDescriptor descriptor() {
        List<ParameterSpec> specs = new ArrayList<>(TrainingParameters.TRAINING);
        specs.add(ParameterSpec.integers(TargetSizes.SIZES, null, "Besides the T* trained on the whole target pool, "
                + "one T* per target size n, trained on n examples with validation rows as fine-tune takes them, so "
                + "that the similarity can follow n; none trains only the whole-pool T*.")
                .withChoices(List.of("none")).withRange(1, 100_000_000).withDefault("none"));
        specs.addAll(TargetSizes.VALIDATION);
        specs.add(ParameterSpec.strings("probes", List.of("target"), PROBES,
                "Probe inputs fed to both networks: target inputs, source inputs, or paired inputs built from the same "
                        + "latent vectors (x_s(c) to S, x_t(c) to T*; task pairs that have them)."));
        specs.add(ParameterSpec.strings("measures", MEASURES, MEASURES, "Similarity measures to compute; "
                + "label-overlap describes each network's layers with the labels of the probe points T* sees (the "
                + "target's for target and paired probes)."));
        specs.add(ParameterSpec.integer("k", 0, "Neighbours for information-imbalance, neighborhood-overlap and "
                + "label-overlap; 0 uses each measure's default (1, 30 and 30).").withRange(0, 10_000));
        specs.add(ParameterSpec.number("threshold", SimilarityMeasures.DEFAULT_THRESHOLD,
                "rbf-cka bandwidth factor: the kernel is exp(-d^2 / (2 t^2 m)), m the median squared distance.")
                .withRange(1e-6, 1e6));
        specs.add(ParameterSpec.integer("subsetSize", 2000,
                "Neighbour-based measures on more probes than this use disjoint random subsets of it and report the "
                        + "mean and standard error.").withRange(3, 46_340));
        specs.add(BlockStudy.FEATURE_MAPS_SPEC);
        return new StageDescriptor(TYPE, "2",
                "Trains T* from scratch on target data (the architecture of S, a fresh readout): on the largest training "
                        + "set the target pool supplies, and optionally on each listed target size. Compares each T* "
                        + "with the source network S layer by layer, input layer included: for every measure, the "
                        + "diagonal profile (layer i of S against layer i of T*) and the full layer-by-layer matrix, per "
                        + "probe mode, averaged over seeds. The depth where the similarity drops tracks the optimal "
                        + "transfer depth.",
                specs, List.of(ArtifactKinds.TASK_PAIR, ArtifactKinds.SOURCE_NETWORK),
                List.of(ArtifactKinds.SIMILARITY_RESULTS), StageScope.EACH_MATRIX_CELL);
    }

    /**
     * The stage's parameters, bound in one step.
     *
     * @param training    how each T* is trained
     * @param sweep       the listed target sizes (empty for {@code none}) and their validation rows
     * @param probes      probe modes
     * @param measures    measures to compute
     * @param k           neighbours of the neighbour-based measures; 0 for each measure's default
     * @param threshold   rbf-cka bandwidth factor
     * @param subsetSize  subset size of the neighbour-based measures
     * @param featureMaps how a block network's feature maps become a representation
     */
    record Settings(TrainingSettings training, TargetSweep sweep, List<String> probes, List<String> measures, int k,
                    double threshold, int subsetSize, String featureMaps) implements SweepStage.Settings {
        /** @throws ParameterException with the problems of the training settings and of the sweep, together */
        static Settings of(Parameters p) {
            ParameterParts parts = new ParameterParts(p);
            TrainingSettings training = parts.bind(TrainingSettings::of);
            TargetSweep sweep = parts.bind(TargetSweep::of);
            parts.check();
            return new Settings(training, sweep, p.getStringList("probes"),
                    p.getStringList("measures"), p.getInt("k"), p.getDouble("threshold"), p.getInt("subsetSize"),
                    p.getString(BlockStudy.FEATURE_MAPS));
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
        TargetSplit split = settings.sweep().split();
        List<Integer> listed = settings.sweep().sizes();
        List<PlannedUnit<TargetNetwork, SimilarityUnit>> units = new ArrayList<>();
        for (SeedInputs in : seeds) {
            int pool = settings.sweep().requireFit(in.taskPair());
            String featureMaps = BlockStudy.isBlockNetwork(in.network()) ? settings.featureMaps() : null;
            int whole = split.largestSize(pool);
            if (whole == 0) {
                throw new IllegalArgumentException("the target pool of " + pool + " rows cannot supply a training set and "
                        + "its validation rows; enlarge the task's targetPoolSize");
            }
            TreeSet<Integer> sizes = new TreeSet<>(listed);
            sizes.add(whole);
            for (int n : sizes) {
                units.add(new PlannedUnit<>("similarity/seed" + in.seedIndex() + "/n" + n,
                        new TargetNetwork(in.seedIndex(), n, n == whole),
                        new SimilarityUnit(n, split, settings.training(), settings.probes(), settings.measures(),
                                settings.k(), settings.threshold(), settings.subsetSize(), featureMaps),
                        in.keys(), ArtifactKinds.SIMILARITY_SEED, ctx.seedFor(in.seedIndex()).value()));
            }
        }
        List<FinishedUnit<TargetNetwork, SimilarityUnit>> done = TypedUnits.fanOut(ctx, units);
        SimilaritySummary summary = new SimilaritySummary(ctx.matrixCell());
        for (FinishedUnit<TargetNetwork, SimilarityUnit> d : done) {
            summary.add(d.tag().seed(), d.tag().targetSize(), d.tag().pool(), d.artifact().file(LayerComparison.FILE));
        }
        ArtifactWriter out = ctx.output(ArtifactKinds.SIMILARITY_RESULTS);
        summary.write(out.directory());
        out.putMetadata("measures", summary.measures());
        out.putMetadata("probes", summary.probes());
        out.putMetadata("hiddenLayers", summary.layers() - 1);
        out.putMetadata("seeds", seeds.size());
        out.putMetadata("targetSizes", summary.targetSizes());
    }

    @Override
    public void runUnit(UnitContext ctx) throws Exception {
        SimilarityUnit u = TypedUnits.read(ctx, SimilarityUnit.class);
        TaskPair pair = TaskPair.read(ctx.input(ArtifactKinds.TASK_PAIR).directory());
        Path sourceDir = ctx.input(ArtifactKinds.SOURCE_NETWORK).directory().resolve("network");
        if (BlockStudy.isBlockNetwork(sourceDir)) {
            BlockCells.similarity(ctx, u, pair, sourceDir, probes(pair, u.probes()));
            return;
        }
        Network source = NetworkIo.load(sourceDir);
        int classes = pair.classes(TaskRole.TARGET);
        NetworkSpec spec = TrainingParameters.withHead(source.spec(), classes);
        TargetRows rows = TargetRows.of(pair, u.targetSize(), u.split());
        Network target = Network.build(spec, ctx.seed().derive("target-network"));
        var config = u.training().config();
        Trainer trainer = new Trainer(config).withCancellation(ctx.cancellation())
                .withListener(new TrainingReporter(ctx, ctx.unit().name(), config.maxEpochs(), rows.trainSize(), false));
        Map<String, Object> result;
        try (KernelThreads threads = KernelThreads.of(ctx.threads())) {
            trainer.train(target, TaskData.dataset(rows.trainingSet()), TaskData.dataset(rows.validationSet()),
                    ctx.seed().derive("batches"), threads);
            double targetError = target.evaluate(TaskData.dataset(pair.load(TaskPairSet.TARGET_TEST)), threads).error();
            result = LayerComparison.compare(source, target, probes(pair, u.probes()), u, ctx.seed(), threads);
            result.put("targetNetworkTestError", targetError);
            result.put("trainSize", rows.trainSize());
            result.put("validationSize", rows.validationSize());
        }
        Path file = ctx.output().directory().resolve(LayerComparison.FILE);
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), result);
        rows.write(ctx.output().directory());
        NetworkIo.save(target, ctx.output().directory().resolve("target-network"), Map.of("stage", TYPE,
                "trainingSize", rows.trainSize()));
    }

    /** The probe inputs of each requested mode: what S sees and what T* sees. */
    private static Map<String, LabelledSet[]> probes(TaskPair pair, List<String> modes) throws java.io.IOException {
        Map<String, LabelledSet[]> out = new LinkedHashMap<>();
        for (String mode : modes) {
            switch (mode) {
                case "target" -> {
                    LabelledSet t = pair.load(TaskPairSet.PROBE_TARGET);
                    out.put(mode, new LabelledSet[] {t, t});
                }
                case "source" -> {
                    LabelledSet s = pair.load(TaskPairSet.PROBE_SOURCE);
                    out.put(mode, new LabelledSet[] {s, s});
                }
                default -> {
                    if (!pair.has(TaskPairSet.PROBE_PAIRED_SOURCE)) {
                        throw new IllegalArgumentException("probes: this task pair has no paired probes (they exist when "
                                + "source and target examples can be paired, e.g. for chmm task pairs)");
                    }
                    out.put(mode, new LabelledSet[] {pair.load(TaskPairSet.PROBE_PAIRED_SOURCE),
                            pair.load(TaskPairSet.PROBE_PAIRED_TARGET)});
                }
            }
        }
        return out;
    }
}
