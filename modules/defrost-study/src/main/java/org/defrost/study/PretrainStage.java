package org.defrost.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Dataset;
import org.defrost.nn.Evaluation;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.io.NetworkIo;
import org.defrost.nn.train.Trainer;
import org.defrost.nn.train.TrainingResult;
import org.defrost.spi.Artifact;
import org.defrost.spi.ArtifactWriter;
import org.defrost.spi.ParameterBinder;
import org.defrost.spi.ParameterException;
import org.defrost.spi.ParameterParts;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.defrost.study.support.TrainingHistory;
import org.defrost.study.support.TrainingSettings;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.ValidationSplit;

/**
 * {@code pretrain}: trains the source network S from scratch on the source training set, with early
 * stopping on a validation split of it, and measures its error on the source test set. One S per seed;
 * its key depends only on the source data, the parameters and the seed, so every pipeline and matrix
 * cell with the same source reuses it.
 */
public final class PretrainStage implements Stage {
    static final String TYPE = "pretrain";

    @Override
    public List<String> counters() {
        return TrainingReporter.COUNTERS_WITH_DIVERGENCE;
    }

    @Override
    public StageDescriptor descriptor() {
        return new StageDescriptor(TYPE, "1",
                "Trains the source network S on the source task (fully connected with L hidden layers, or the L blocks "
                        + "of architecture), with early "
                        + "stopping on a validation split and best-weights restore. Writes the network (network.json "
                        + "and one .npy per tensor), its training history and its source test error.",
                TrainingParameters.all(concat(TrainingParameters.SOURCE_VALIDATION, BlockStudy.SPECS)),
                List.of(ArtifactKinds.SOURCE_TASK), List.of(ArtifactKinds.SOURCE_NETWORK),
                StageScope.EACH_SEED);
    }

    /**
     * The parameters of {@code pretrain}, bound in one step.
     *
     * @param layers      the fully connected network's feature layers (also activation and init of a block network)
     * @param training    how S is trained
     * @param sourceSplit how the source training set is divided for early stopping
     * @param blocks      the block network asked for, or null for a fully connected one
     */
    record Settings(TrainingParameters.Layers layers, TrainingSettings training, ValidationSplit sourceSplit,
                    BlockStudy.Blocks blocks) {
        /**
         * @throws ParameterException with the problems of the layers, the training settings and the blocks together
         *                            (the blocks need the layers' activation and init: not bound when those failed)
         */
        static Settings of(Parameters p) {
            ParameterParts parts = new ParameterParts(p);
            TrainingParameters.Layers layers = parts.bind(TrainingParameters.Layers::of);
            TrainingSettings training = parts.bind(TrainingSettings::of);
            BlockStudy.Blocks blocks = parts.bind(layers, BlockStudy.Blocks::of);
            parts.check();
            return new Settings(layers, training,
                    new ValidationSplit(p.getDouble("validationFraction"), p.getInt("validationMinimum")), blocks);
        }
    }

    static final ParameterBinder<Settings> BINDER = Settings::of;

    @Override
    public long estimatedMemoryBytes(Parameters p) {
        Settings s = BINDER.bind(p);
        if (s.blocks() != null) {
            return s.blocks().trainingBytes(s.training().batchSize());
        }
        List<Integer> hidden = s.layers().hidden();
        return TrainingParameters.trainingBytes(hidden, hidden.get(0), s.training().batchSize());
    }

    @Override
    public List<ParameterProblem> validate(Parameters parameters) {
        return BINDER.problems(parameters);
    }

    /** A block network's image shape against the one the task stage declares. */
    @Override
    public List<ParameterProblem> checkInputSizes(Parameters p, Map<String, Map<String, Long>> inputSizes) {
        BlockStudy.Blocks blocks = BINDER.bind(p).blocks();
        return blocks == null ? List.of() : blocks.checkShape(inputSizes.get(ArtifactKinds.SOURCE_TASK));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        Settings settings = BINDER.bind(ctx.parameters());
        Artifact source = ctx.input(ArtifactKinds.SOURCE_TASK);
        LabelledSet train = TaskData.read(source, TaskPairSet.SOURCE_TRAIN);
        LabelledSet test = TaskData.read(source, TaskPairSet.SOURCE_TEST);
        int classes = ((Number) source.metadata().get("classes")).intValue();
        ValidationSplit.Split split = settings.sourceSplit().apply(train);
        if (settings.blocks() != null) {
            BlockPretrain.run(ctx, settings, source, split, test, classes);
            return;
        }
        NetworkSpec spec = settings.layers().network(train.features(), classes);
        Network network = Network.build(spec, ctx.seed().derive("init"));
        Trainer trainer = new Trainer(settings.training().config())
                .withListener(new TrainingReporter(ctx, "source network", settings.training().maxEpochs(),
                        split.training().size(), true))
                .withCancellation(ctx.cancellation());
        TrainingResult result;
        Evaluation testEval;
        try (KernelThreads threads = KernelThreads.of(ctx.threads())) {
            result = trainer.train(network, TaskData.dataset(split.training()), TaskData.dataset(split.validation()),
                    ctx.seed().derive("batches"), threads);
            Dataset testSet = TaskData.dataset(test);
            testEval = network.evaluate(testSet, threads);
        } catch (ArithmeticException e) {
            ctx.metrics().count("diverged_total", 1);
            throw e;
        }
        writeSource(ctx, (dir, provenance) -> NetworkIo.save(network, dir, provenance), result, testEval, split,
                spec.hiddenLayerCount(), classes);
        ctx.log().log(System.Logger.Level.INFO, String.format("source network (seed %d): test error %.4f after %d epochs",
                ctx.seedIndex(), testEval.error(), result.epochsRun()));
    }

    /** How a trained S is stored: its network files in {@code directory}, with {@code provenance}. */
    interface NetworkSaver {
        void save(Path directory, Map<String, Object> provenance) throws IOException;
    }

    /**
     * Writes the source-network artifact of a trained S, for dense and block networks alike: the network with its
     * training provenance (without timings), the training history and the metadata every consumer reads.
     *
     * @param hiddenLayers L, the feature layers (or blocks) below the readout
     * @return the artifact, for metadata particular to the kind of network
     */
    static ArtifactWriter writeSource(StageContext ctx, NetworkSaver saver, TrainingResult result, Evaluation testEval,
                                      ValidationSplit.Split split, int hiddenLayers, int classes) throws IOException {
        ctx.metrics().set("samples_per_second", result.samplesPerSecond());
        ArtifactWriter out = ctx.output(ArtifactKinds.SOURCE_NETWORK);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("stage", TYPE);
        provenance.put("seed", ctx.seed().value());
        provenance.put("training", withoutTimings(result.toMap()));
        provenance.put("trainingSize", split.training().size());
        provenance.put("validationSize", split.validation().size());
        saver.save(out.directory().resolve("network"), provenance);
        TrainingHistory.write(out.directory().resolve(TrainingHistory.FILE), result);
        out.putMetadata("sourceTestError", testEval.error());
        out.putMetadata("sourceTestLoss", testEval.loss());
        out.putMetadata("epochs", result.epochsRun());
        out.putMetadata("bestEpoch", result.bestEpoch());
        out.putMetadata("stopReason", result.stopReason().name().toLowerCase());
        out.putMetadata("hiddenLayers", hiddenLayers);
        out.putMetadata("classes", classes);
        out.putMetadata("trainingSeconds", result.trainingSeconds());
        out.putMetadata("samplesPerSecond", result.samplesPerSecond());
        return out;
    }

    /**
     * Training provenance without wall-clock figures. Files must depend only on the inputs, so that a
     * recomputed artifact has the same content digest and every key built on it stays valid; timings go
     * to the manifest's metadata instead.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutTimings(Map<String, Object> training) {
        Map<String, Object> m = new LinkedHashMap<>(training);
        m.remove("trainingSeconds");
        m.remove("samplesPerSecond");
        List<Map<String, Object>> history = new ArrayList<>();
        for (Object epoch : (List<Object>) m.getOrDefault("history", List.of())) {
            Map<String, Object> e = new LinkedHashMap<>((Map<String, Object>) epoch);
            e.remove("seconds");
            history.add(e);
        }
        m.put("history", history);
        return m;
    }
}
