package org.defrost.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Head;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.io.NetworkIo;
import org.defrost.nn.train.Trainer;
import org.defrost.spi.Artifact;
import org.defrost.spi.ArtifactWriter;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.defrost.spi.UnitContext;
import org.defrost.spi.WorkUnit;
import org.defrost.similarity.SimilarityMeasures;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.TaskRole;
import org.defrost.tasks.ValidationSplit;

/**
 * {@code similarity}: compares, layer by layer, the source network S with a network T* trained from scratch
 * on abundant target data (method §6): one work unit per seed trains T* (cached like any cell) and computes
 * every measure on every pair of layers for every probe mode; the stage averages the seeds.
 */
public final class SimilarityStage implements Stage {
    static final String TYPE = "similarity";
    static final List<String> PROBES = List.of("target", "source", "paired");
    /** Measures offered by the stage: all but label-overlap, which needs one labelling for two tasks. */
    static final List<String> MEASURES = SimilarityMeasures.NAMES.stream().filter(m -> !m.equals("label-overlap")).toList();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public StageDescriptor descriptor() {
        List<ParameterSpec> specs = new ArrayList<>(TrainingParameters.TRAINING);
        specs.add(ParameterSpec.integer("targetTrainSize", 0,
                "Target examples T* is trained on; 0 takes the whole target pool (abundant data).").withRange(0, 100_000_000));
        specs.add(ParameterSpec.strings("probes", List.of("target"), PROBES,
                "Probe inputs fed to both networks: target inputs, source inputs, or paired inputs built from the same "
                        + "latent vectors (x_s(c) to S, x_t(c) to T*; task pairs that have them)."));
        specs.add(ParameterSpec.strings("measures", MEASURES, MEASURES, "Similarity measures to compute."));
        specs.add(ParameterSpec.integer("k", 0, "Neighbours for information-imbalance and neighborhood-overlap; 0 uses "
                + "each measure's default (1 and 30).").withRange(0, 10_000));
        specs.add(ParameterSpec.number("threshold", SimilarityMeasures.DEFAULT_THRESHOLD,
                "rbf-cka bandwidth factor: the kernel is exp(-d^2 / (2 t^2 m)), m the median squared distance.")
                .withRange(1e-6, 1e6));
        specs.add(ParameterSpec.integer("subsetSize", 2000,
                "Neighbour-based measures on more probes than this use disjoint random subsets of it and report the "
                        + "mean and standard error.").withRange(3, 46_340));
        return new StageDescriptor(TYPE, "1",
                "Trains T* from scratch on abundant target data (the architecture of S, a fresh readout) and compares "
                        + "it with the source network S layer by layer, input layer included: for every measure, the "
                        + "diagonal profile (layer i of S against layer i of T*) and the full layer-by-layer matrix, per "
                        + "probe mode, averaged over seeds. The depth where the similarity drops tracks the optimal "
                        + "transfer depth.",
                specs, List.of(ArtifactKinds.TASK_PAIR, ArtifactKinds.SOURCE_NETWORK),
                List.of(ArtifactKinds.SIMILARITY_RESULTS), StageScope.EACH_MATRIX_CELL);
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        Parameters p = ctx.parameters();
        List<Artifact> pairs = ctx.inputs(ArtifactKinds.TASK_PAIR);
        List<Artifact> sources = ctx.inputs(ArtifactKinds.SOURCE_NETWORK);
        List<WorkUnit> units = new ArrayList<>();
        for (int s = 0; s < pairs.size(); s++) {
            Map<String, Object> unit = new LinkedHashMap<>(p.asMap());
            units.add(new WorkUnit("similarity/seed" + pairs.get(s).seedIndex(), unit,
                    List.of(pairs.get(s).key(), sources.get(s).key()), ArtifactKinds.SIMILARITY_SEED,
                    ctx.seedFor(pairs.get(s).seedIndex()).value()));
        }
        List<Artifact> done = ctx.fanOut(units);
        SimilaritySummary summary = new SimilaritySummary(ctx.matrixCell());
        for (int s = 0; s < done.size(); s++) {
            summary.add(pairs.get(s).seedIndex(), done.get(s).file(SimilarityUnit.FILE));
        }
        ArtifactWriter out = ctx.output(ArtifactKinds.SIMILARITY_RESULTS);
        summary.write(out.directory());
        out.putMetadata("measures", summary.measures());
        out.putMetadata("probes", summary.probes());
        out.putMetadata("hiddenLayers", summary.layers() - 1);
        out.putMetadata("seeds", done.size());
    }

    /** T*'s training set must fit in the task pair's target pool. */
    @Override
    public List<ParameterProblem> checkInputSizes(Parameters p, Map<String, Map<String, Long>> inputSizes) {
        Long pool = inputSizes.getOrDefault(ArtifactKinds.TASK_PAIR, Map.of()).get(TaskPair.TARGET_POOL_SIZE);
        long n = p.getInt("targetTrainSize");
        return pool != null && n > pool ? List.of(new ParameterProblem("targetTrainSize", "targetTrainSize " + n
                + " exceeds the target pool of " + pool + " examples (targetPoolSize of the task pair)")) : List.of();
    }

    @Override
    public void runUnit(UnitContext ctx) throws Exception {
        Parameters u = new Parameters(ctx.unit().parameters());
        TaskPair pair = TaskPair.read(ctx.input(ArtifactKinds.TASK_PAIR).directory());
        Network source = NetworkIo.load(ctx.input(ArtifactKinds.SOURCE_NETWORK).directory().resolve("network"));
        int classes = pair.classes(TaskRole.TARGET);
        NetworkSpec spec = source.spec().withOutput(classes == 2 ? 1 : classes,
                classes == 2 ? Head.BINARY_LOGISTIC : Head.SOFTMAX_CROSS_ENTROPY);
        int pool = pair.size(TaskPairSet.TARGET_POOL);
        int n = u.getInt("targetTrainSize") == 0 ? pool : u.getInt("targetTrainSize");
        if (n > pool) {
            throw new IllegalArgumentException("targetTrainSize: " + n + " exceeds the target pool of " + pool + " examples");
        }
        ValidationSplit.Split split = pair.targetTrainSplit(n, TrainingParameters.split(u));
        Network target = Network.build(spec, ctx.seed().derive("target-network"));
        var config = TrainingParameters.training(u);
        Trainer trainer = new Trainer(config).withCancellation(ctx.cancellation())
                .withListener(new TrainingReporter(ctx, ctx.unit().name(), config.maxEpochs(), split.training().size(), false));
        Map<String, Object> result;
        try (KernelThreads threads = KernelThreads.of(ctx.threads())) {
            trainer.train(target, TaskData.dataset(split.training()), TaskData.dataset(split.validation()),
                    ctx.seed().derive("batches"), threads);
            double targetError = target.evaluate(TaskData.dataset(pair.load(TaskPairSet.TARGET_TEST)), threads).error();
            result = SimilarityUnit.compare(source, target, probes(pair, u.getStringList("probes")), u, ctx.seed(), threads);
            result.put("targetNetworkTestError", targetError);
        }
        Path file = ctx.output().directory().resolve(SimilarityUnit.FILE);
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), result);
        NetworkIo.save(target, ctx.output().directory().resolve("target-network"), Map.of("stage", TYPE,
                "trainingSize", split.training().size()));
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
