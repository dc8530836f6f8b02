package org.defrost.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.engine.pipeline.PathPolicy;
import org.defrost.engine.pipeline.ParameterOverrides;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.Json;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;
import org.defrost.study.fast.DepthPredictionStage;
import org.defrost.tasks.TargetSplit;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.stage.LabelledDataStage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code defrost recommend}: how many layers of a network you have to keep frozen for your labelled data, and which
 * of several networks to start from. It builds a pipeline ({@link RecommendPipeline}), saves it in the workspace,
 * runs it as {@code defrost run} does ({@link PipelineExecution}), prints the answer ({@link Recommendation}) and
 * exports the fine-tuned network at ℓ* to ONNX ({@link RecommendedNetwork}).
 */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = {"Recommends how many layers of your network to keep frozen when fine-tuning it on your labelled "
                + "data, and which initialisation to give the layers above; with --candidates, which network to start from.",
                "It writes the pipeline it runs into the workspace (recommend/recommend-HASH.yaml: 'defrost run' repeats it), "
                        + "runs it like 'defrost run', prints l*, its expected test error with its interval and its gains "
                        + "over freezing everything and over training from scratch, and exports the fine-tuned network at "
                        + "l* to ONNX. Your examples are fixed, so the repetitions are stratified resamplings of them "
                        + "(test rows held out, the rest the training pool), not fresh draws.",
                "With --fast it runs the fast mode's depth-prediction stage instead of the fine-tuning sweep and prints "
                        + "its prediction of l* and its cost against the sweep's (docs/fast-mode.md); nothing is exported.",
                "docs/practitioner.md walks through it."},
        footer = {"", "Exit codes: 0 success, 1 the run failed, 2 invalid files or options (nothing ran),",
                "130 stopped by Ctrl-C, 143 stopped by SIGTERM (finished work is kept)."})
final class RecommendCommand extends Subcommand {
    /** The level of the intervals of the expected test errors. */
    static final double LEVEL = 0.95;
    /** The name of the answer's JSON file in the run's directory. */
    static final String JSON_FILE = "recommendation.json";
    /** The name of the fast mode's answer's JSON file in the run's directory. */
    static final String FAST_JSON_FILE = "prediction.json";

    @Option(names = "--source", required = true, paramLabel = "MODEL",
            description = "Your network: an ONNX model (.onnx) or a defrost network directory.")
    Path source;

    @Option(names = "--target", required = true, paramLabel = "X",
            description = "Your inputs, one example per row: .npy, IDX images, or .csv with a label column.")
    Path target;

    @Option(names = "--labels", paramLabel = "Y", description = "Your labels: .npy integers or IDX labels (not for .csv).")
    Path labels;

    @Option(names = "--candidates", arity = "1..*", paramLabel = "MODEL",
            description = "Other networks to compare with --source: the study runs for each, and they are ranked.")
    List<Path> candidates = new ArrayList<>();

    @Option(names = "--sizes", arity = "1..*", split = ",", paramLabel = "N",
            description = "Numbers of examples to fine-tune on (default: the largest your data leaves after the test rows "
                    + "and the validation rows).")
    List<Integer> sizes = new ArrayList<>();

    @Option(names = "--resamples", paramLabel = "K", defaultValue = "5",
            description = "Stratified resamplings of your data (default ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Share of your examples each resampling holds out for testing (default ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Root seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--fast",
            description = "Predict l* with the fast mode (linear probes and short fine-tunes with successive halving) "
                    + "instead of running the full sweep: a prediction, at a fraction of the cost; nothing is exported.")
    boolean fast;

    @Option(names = "--export", paramLabel = "FILE",
            description = "Where to write the fine-tuned network at l* (default: recommended.onnx in the run's directory).")
    Path export;

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    PluginOptions plugins;

    @Mixin
    RunOptions running;

    @Mixin
    OverrideOptions overrides;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = err();
        int threads = running.checkedThreads(workspace, spec);
        overrides.parse(spec.commandLine()); // the arguments' form; the values are checked in the pipeline
        if (resamples < 1 || resamples > 1000) {
            throw usageError("--resamples must be between 1 and 1000, was " + resamples);
        }
        if (fast && export != null) {
            throw usageError("--export: --fast trains no network to export; run without --fast for the fine-tuned network");
        }
        List<Path> sources = new ArrayList<>();
        sources.add(source);
        sources.addAll(candidates);
        List<String> missing = new ArrayList<>();
        for (Path p : files(sources)) {
            if (!Files.isReadable(p)) {
                missing.add((Files.exists(p) ? "permission denied: " : "no such file or directory: ") + p);
            }
        }
        if (!missing.isEmpty()) {
            missing.forEach(m -> err.println("defrost: " + m));
            return ExitCodes.INVALID_INPUT;
        }
        if (fast) {
            List<Path> blocks = sources.stream().filter(FastAnswer::isBlockNetwork).toList();
            if (!blocks.isEmpty()) {
                blocks.forEach(b -> err.println("defrost: --fast: " + DepthPredictionStage.refusal(b
                        + " is a block (convolutional) network; run without --fast for the full sweep")));
                return ExitCodes.INVALID_INPUT;
            }
        }
        Map<String, Long> data = dataSizes(err);
        if (data == null) {
            return ExitCodes.INVALID_INPUT;
        }
        int examples = data.get(LabelledDataStage.EXAMPLES).intValue();
        int pool = data.get(TaskPair.TARGET_POOL_SIZE).intValue();
        List<Integer> studied = sizes.isEmpty() ? defaultSizes(pool, examples, err) : checkedSizes(pool, examples, err);
        if (studied == null) {
            return ExitCodes.INVALID_INPUT;
        }
        RecommendPipeline built = new RecommendPipeline(sources.stream().map(p -> p.toAbsolutePath().normalize()).toList(),
                target.toAbsolutePath().normalize(), labels == null ? null : labels.toAbsolutePath().normalize(), seed,
                resamples, testFraction, studied, overrides.values,
                "defrost " + String.join(" ", spec.commandLine().getParseResult().originalArgs()), fast);
        Path file;
        try {
            file = built.write(workspace.workspace);
        } catch (IllegalArgumentException e) {
            err.println("defrost: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        System.out.println("Pipeline: " + RunCommand.shown(Path.of("").toAbsolutePath(), file)
                + " (defrost run repeats it; the run keeps a copy)");
        List<Path> roots = new ArrayList<>(built.dataDirectories());
        roots.add(Path.of(""));
        CheckedPipeline checked = CheckedPipeline.load(file, Stages.registry(plugins, err), new PathPolicy(roots),
                ParameterOverrides.NONE, threads, err);
        if (checked == null) {
            return ExitCodes.INVALID_INPUT;
        }
        PipelineExecution.Outcome outcome = PipelineExecution.execute(checked.pipeline(), workspace, running, spec);
        if (outcome.exitCode() != ExitCodes.OK) {
            return outcome.exitCode();
        }
        return fast ? fastAnswer(outcome, built, examples) : answer(outcome, built, examples, threads);
    }

    /** Prints the fast mode's prediction and writes {@code prediction.json}; exports nothing. */
    private int fastAnswer(PipelineExecution.Outcome outcome, RecommendPipeline built, int examples) throws Exception {
        var run = outcome.result();
        FastAnswer a = FastAnswer.read(run.artifacts().get(RecommendPipeline.PREDICT).get(0), built.sources());
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        args.remove("--fast");
        System.out.println();
        System.out.print(a.text(target.getFileName() + ", " + examples + " examples", "defrost " + String.join(" ", args)));
        Map<String, Object> json = new LinkedHashMap<>(a.toMap());
        json.put("examples", examples);
        json.put("pipeline", built.write(workspace.workspace).toAbsolutePath().toString());
        json.put("run", run.runId());
        Path jsonFile = run.runDirectory().resolve(FAST_JSON_FILE);
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(jsonFile.toFile(), json);
        System.out.println("Prediction as JSON: " + RunCommand.shown(Path.of("").toAbsolutePath(), jsonFile));
        return ExitCodes.OK;
    }

    /** Prints the answer, exports the network at ℓ* and writes {@code recommendation.json}. */
    private int answer(PipelineExecution.Outcome outcome, RecommendPipeline built, int examples, int threads)
            throws Exception {
        var run = outcome.result();
        Recommendation r = Recommendation.read(run.artifacts().get(RecommendPipeline.FINETUNE), built.sources(), LEVEL);
        System.out.println();
        System.out.print(r.text(target.getFileName() + ", " + examples + " examples"));
        Recommendation.Choice best = r.ranking().get(0);
        Path exportFile = export != null ? export : run.runDirectory().resolve("recommended.onnx");
        ArtifactStore store = new ArtifactStore(workspace.workspace);
        RecommendedNetwork network = RecommendedNetwork.export(best, store, threads, exportFile);
        Path cwd = Path.of("").toAbsolutePath();
        System.out.printf("Fine-tuned network at l*=%d (%s, n=%d, resample %d of %d: the lowest validation error, %.4f; "
                        + "trained again from the cell's seed, test error %.4f%s): %s%n", best.depthStar(),
                best.source().getFileName(), best.targetSize(), network.resample() + 1, best.resamples(),
                network.validationError(), network.retrainedError(),
                network.reproduced() ? ", as recorded" : ", but the sweep recorded " + network.testError(),
                RunCommand.shown(cwd, network.file()));
        Map<String, Object> json = new LinkedHashMap<>(r.toMap());
        json.put("examples", examples);
        json.put("network", network.toMap());
        json.put("pipeline", built.write(workspace.workspace).toAbsolutePath().toString());
        json.put("run", run.runId());
        json.put("report", run.reportFile().toAbsolutePath().toString());
        Path jsonFile = run.runDirectory().resolve(JSON_FILE);
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(jsonFile.toFile(), json);
        System.out.println("Answer as JSON: " + RunCommand.shown(cwd, jsonFile));
        return ExitCodes.OK;
    }

    /** The files the study reads. */
    private List<Path> files(List<Path> sources) {
        List<Path> all = new ArrayList<>(sources);
        all.add(target);
        if (labels != null) {
            all.add(labels);
        }
        return all;
    }

    /**
     * The number of examples, the target pool they leave and the input width, read as the {@code labelled-data}
     * stage reads them; null after printing why the files cannot be used.
     */
    private Map<String, Long> dataSizes(PrintWriter err) {
        Stage stage = new LabelledDataStage();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("inputs", target.toString());
        if (labels != null) {
            values.put("labels", labels.toString());
        }
        values.put("testFraction", testFraction);
        Parameters p;
        try {
            p = Parameters.of(stage.descriptor().parameters(), values);
        } catch (IllegalArgumentException e) {
            err.println("defrost: --test-fraction: " + e.getMessage());
            return null;
        }
        List<ParameterProblem> problems = stage.validate(p);
        if (!problems.isEmpty()) {
            problems.forEach(q -> err.println("defrost: " + option(q.parameter()) + ": " + q.message()));
            return null;
        }
        Map<String, Long> sizes = stage.outputSizes(org.defrost.spi.ArtifactKinds.TASK_PAIR, p);
        if (sizes.isEmpty()) {
            err.println("defrost: --target " + target + ": cannot be read as labelled examples");
            return null;
        }
        return sizes;
    }

    /** The option a parameter of the data stage comes from. */
    private static String option(String parameter) {
        return switch (parameter) {
            case "labels" -> "--labels";
            case "testFraction" -> "--test-fraction";
            default -> "--target";
        };
    }

    /** The largest n the pool supplies with fine-tune's default validation rows; null after saying there is none. */
    private List<Integer> defaultSizes(int pool, int examples, PrintWriter err) {
        int n = TargetSplit.DEFAULT.largestSize(pool);
        if (n == 0) {
            err.println("defrost: your " + examples + " examples leave a training pool of " + pool + " rows after the test "
                    + "rows, too few for a training set and its " + TargetSplit.DEFAULT.minimum() + " validation rows; "
                    + "use more examples or a lower --test-fraction");
            return null;
        }
        return List.of(n);
    }

    /** The given sizes, each checked against the pool (n plus its validation rows); null after printing the problems. */
    private List<Integer> checkedSizes(int pool, int examples, PrintWriter err) {
        List<String> problems = new ArrayList<>();
        for (int n : sizes) {
            String problem = n < 1 ? "a size must be at least 1" : TargetSplit.DEFAULT.problem(n, pool);
            if (problem != null) {
                problems.add("--sizes " + n + ": " + (n < 1 ? problem : "size " + n + " and its "
                        + TargetSplit.DEFAULT.validationCount(n) + " validation rows need " + TargetSplit.DEFAULT.rowsNeeded(n)
                        + " examples in the training pool, but your " + examples + " examples leave " + pool + " after the "
                        + (examples - pool) + " test rows; the largest size that fits is "
                        + TargetSplit.DEFAULT.largestSize(pool) + " (or use a lower --test-fraction)"));
            }
        }
        problems.forEach(q -> err.println("defrost: " + q));
        return problems.isEmpty() ? sizes.stream().distinct().sorted().toList() : null;
    }
}
