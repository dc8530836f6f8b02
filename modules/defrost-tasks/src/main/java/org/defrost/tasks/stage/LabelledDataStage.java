package org.defrost.tasks.stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.spi.ArtifactWriter;
import org.defrost.spi.ParameterBinder;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.defrost.tasks.InvalidDatasetException;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairManifest.TaskDescription;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.TaskPairWriter;
import org.defrost.tasks.data.Dataset;
import org.defrost.tasks.data.DatasetPart;
import org.defrost.tasks.data.StratifiedResample;

/**
 * {@code labelled-data}: a practitioner's own labelled examples as a target-only task pair, for a source network
 * that is given rather than pre-trained. The data is fixed, so the pipeline's repetitions are resamplings of it:
 * each seed draws a stratified test set and orders the rest as the target pool ({@link StratifiedResample}).
 */
public final class LabelledDataStage implements Stage {
    static final String TYPE = "labelled-data";
    /** The name under which {@link #outputSizes} declares the number of examples in the files. */
    public static final String EXAMPLES = "examples";
    /**
     * The names under which {@link #outputSizes} declares the image shape of (n, C, H, W) inputs: channels, height,
     * width (the names {@code pretrain} checks its image shape against).
     */
    public static final List<String> IMAGE_SIZES = List.of("inputChannels", "inputHeight", "inputWidth");
    private static final ParameterBinder<LabelledData> BINDER = LabelledData::of;

    @Override
    public StageDescriptor descriptor() {
        return new StageDescriptor(TYPE, "2",
                "Makes a target-only task pair from your own labelled examples (X and y files), for a source network "
                        + "given by the source-network stage. Since the data is fixed, the repetitions (seeds) are "
                        + "stratified resamplings of your examples, not fresh draws: each seed holds out a stratified "
                        + "test set and orders the rest as the target pool, so that fine-tune's training sets (the first "
                        + "n rows) and validation rows (the last rows) keep the class proportions. Inputs are used as "
                        + "given (no standardisation); a .npy array of shape (n, C, H, W) is read as PyTorch's NCHW images "
                        + "and stored as defrost's NHWC rows. The pair has no source sets: pretrain cannot use it, and "
                        + "similarity takes target probes only.",
                LabelledData.SPECS, List.of(), List.of(TaskArtifacts.TASK_PAIR), StageScope.EACH_SEED);
    }

    /**
     * The parameters' rules, then the files themselves when they can be opened: a malformed file, a count mismatch or a
     * bad label is reported at the line of the file's parameter before anything runs (missing and unreadable files are
     * reported by the checks of input files).
     */
    @Override
    public List<ParameterProblem> validate(Parameters p) {
        List<ParameterProblem> problems = BINDER.problems(p);
        if (!problems.isEmpty()) {
            return problems;
        }
        LabelledData d = BINDER.bind(p);
        if (!Files.isReadable(Path.of(d.inputs())) || !d.labels().isEmpty() && !Files.isReadable(Path.of(d.labels()))) {
            return List.of();
        }
        try {
            d.load();
            return List.of();
        } catch (InvalidDatasetException e) {
            boolean labels = !d.labels().isEmpty() && e.getMessage().startsWith(d.labels());
            return List.of(new ParameterProblem(labels ? "labels" : "inputs", e.getMessage()));
        } catch (IOException | RuntimeException e) {
            return List.of(new ParameterProblem("inputs", d.inputs() + ": " + e.getMessage()));
        }
    }

    /** The files' digests: changing X or y computes the pair again. */
    @Override
    public Map<String, String> fileDigests(Parameters p) throws IOException {
        return BINDER.bind(p).digests();
    }

    /**
     * The pool size and input width, from the data itself (read here, so that fine-tune's sizes are checked before
     * anything runs); nothing when the files cannot be read, which the checks of the files themselves report.
     */
    @Override
    public Map<String, Long> outputSizes(String kind, Parameters p) {
        if (!kind.equals(TaskArtifacts.TASK_PAIR)) {
            return Map.of();
        }
        try {
            LabelledData d = BINDER.bind(p);
            DatasetPart part = d.load();
            LabelledSet samples = part.samples();
            Map<String, Long> sizes = new LinkedHashMap<>(Map.of(TaskPair.TARGET_POOL_SIZE,
                    (long) d.poolSize(samples.size()), TaskPair.INPUT_DIM, (long) samples.features(), EXAMPLES,
                    (long) samples.size()));
            int[] shape = part.inputShape();
            if (shape.length == 3) {
                for (int i = 0; i < 3; i++) {
                    sizes.put(IMAGE_SIZES.get(i), (long) shape[i]);
                }
            }
            return sizes;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    /** The examples as float32, twice (the data and the pair's copies), in bytes. */
    @Override
    public long estimatedMemoryBytes(Parameters p) {
        try {
            LabelledData d = BINDER.bind(p);
            return 2 * 4 * Files.size(Path.of(d.inputs()));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        LabelledData d = BINDER.bind(ctx.parameters());
        ctx.progress().status("reading " + d.inputs());
        DatasetPart part = d.load();
        LabelledSet all = part.samples();
        int classes = d.classesOf(part);
        StratifiedResample r = StratifiedResample.draw(all.labels(), classes, d.testFraction(), ctx.seed().derive("resample"));
        if (r.test().length == 0 || r.pool().length == 0) {
            throw new IllegalArgumentException("testFraction: " + all.size() + " examples leave " + r.test().length
                    + " test rows and " + r.pool().length + " pool rows; both need at least one");
        }
        ArtifactWriter out = ctx.output(TaskArtifacts.TASK_PAIR);
        TaskPairWriter w = TaskPairWriter.create(out.directory());
        LabelledSet test = all.select(r.test());
        w.write(TaskPairSet.TARGET_POOL, all.select(r.pool()));
        w.write(TaskPairSet.TARGET_TEST, test);
        w.write(TaskPairSet.PROBE_TARGET, test.prefix(Math.min(d.probeSize(), test.size())));
        w.writeArray("resample/pool_rows.npy", r.pool(), "row of the input file of each target pool row", r.pool().length);
        w.writeArray("resample/test_rows.npy", r.test(), "row of the input file of each test row", r.test().length);
        String resampling = resampling(all.size(), ctx.seedIndex(), r);
        TaskPair pair = w.finish(TYPE, ctx.seed(), resampling, part.inputShape(), null,
                new TaskDescription(classes, Dataset.numberedClasses(classes), "your labelled examples: " + part.origin()),
                ctx.parameters().asMap());
        out.putMetadata("inputDim", pair.inputDim());
        out.putMetadata("inputShape", pair.manifest().inputShape());
        out.putMetadata("targetClasses", classes);
        out.putMetadata("targetPoolSize", r.pool().length);
        out.putMetadata("targetTestSize", r.test().length);
        out.putMetadata("examples", all.size());
        out.putMetadata("relation", resampling);
    }

    /** What a repetition is, in words, as the pair's relation and the outputs state it. */
    static String resampling(int examples, int seedIndex, StratifiedResample r) {
        return "repetitions are stratified resamplings of your " + examples + " examples, not fresh draws: resample "
                + (seedIndex + 1) + " holds out " + r.test().length + " test rows and leaves a target pool of "
                + r.pool().length;
    }
}
