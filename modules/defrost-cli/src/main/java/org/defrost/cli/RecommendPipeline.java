package org.defrost.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.defrost.spi.ParameterSpec;
import org.defrost.study.fast.DepthPredictionParameters;
import org.defrost.study.fast.DepthPredictionStage;

/**
 * The pipeline {@code defrost recommend} builds and saves: the user's labelled data resampled
 * ({@code labelled-data}), the given network(s) as the source ({@code source-network}, a matrix over the files when
 * there are candidates), incremental defrosting, the fine-tuning sweep and the report. With {@code fast} the
 * fast mode's {@code depth-prediction} stage takes the sweep's place, with the sweep's target sizes and training
 * settings, and there is no report (it draws the sweep's results). It is an ordinary pipeline file: {@code defrost run} repeats the study from it, and
 * {@code defrost serve} takes it.
 *
 * @param sources      the source network first, then the candidates; absolute paths
 * @param inputs       X, absolute
 * @param labels       y, absolute, or null for a CSV file with a label column
 * @param seed         the pipeline's root seed
 * @param resamples    repetitions: stratified resamplings of the data
 * @param testFraction share of the examples each resampling holds out for testing
 * @param sizes        fine-tune's target sizes n
 * @param overrides    {@code STAGE.PARAM=VALUE} arguments, written under the stage's {@code with:}
 * @param command      the command line, recorded in a comment
 * @param fast         whether {@code depth-prediction} replaces {@code fine-tune}: {@code finetune.P=V} overrides
 *                     then go to it when it has the parameter P (the training settings), and are listed in a comment
 *                     as unused when it has not
 */
record RecommendPipeline(List<Path> sources, Path inputs, Path labels, long seed, int resamples, double testFraction,
                         List<Integer> sizes, List<String> overrides, String command, boolean fast) {
    static final String DATA = "data";
    static final String SOURCE = "source";
    static final String DEFROST = "defrost";
    static final String FINETUNE = "finetune";
    static final String REPORT = "report";
    /** The fast mode's stage, in place of {@link #FINETUNE}. */
    static final String PREDICT = "fast";
    static final List<String> STAGE_IDS = List.of(DATA, SOURCE, DEFROST, FINETUNE, REPORT);
    /** The fast mode's stages: no report, which draws the sweep's results. */
    static final List<String> FAST_STAGE_IDS = List.of(DATA, SOURCE, DEFROST, PREDICT);
    /** The parameters of {@code depth-prediction}: the {@code finetune.} overrides it takes under {@code fast}. */
    private static final Set<String> PREDICTION_PARAMETERS = DepthPredictionParameters.SPECS.stream()
            .map(ParameterSpec::name).collect(Collectors.toUnmodifiableSet());
    /** The matrix key over source files, when there are candidates. */
    static final String MATRIX_KEY = "source";

    RecommendPipeline {
        sources = List.copyOf(sources);
        sizes = List.copyOf(sizes);
        overrides = List.copyOf(overrides);
    }

    /** Whether the study compares several source networks (a matrix over {@link #MATRIX_KEY}). */
    boolean hasCandidates() {
        return sources.size() > 1;
    }

    /**
     * The pipeline as YAML.
     *
     * @throws IllegalArgumentException for an override of a stage this pipeline does not have
     */
    String yaml() {
        List<String> ids = stageIds();
        String sweep = fast ? PREDICT : FINETUNE;
        Map<String, Map<String, String>> with = new LinkedHashMap<>();
        ids.forEach(id -> with.put(id, new LinkedHashMap<>()));
        List<String> unused = new ArrayList<>();
        with.get(DATA).put("inputs", quoted(inputs.toString()));
        if (labels != null) {
            with.get(DATA).put("labels", quoted(labels.toString()));
        }
        with.get(DATA).put("testFraction", String.format(Locale.ROOT, "%s", testFraction));
        with.get(SOURCE).put("file", hasCandidates() ? quoted("${matrix." + MATRIX_KEY + "}") : quoted(sources.get(0).toString()));
        with.get(sweep).put("targetSizes", sizes.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]")));
        for (String o : overrides) {
            int eq = o.indexOf('=');
            int dot = o.indexOf('.');
            String stage = o.substring(0, dot);
            String parameter = o.substring(dot + 1, eq);
            if (fast && stage.equals(FINETUNE)) {
                if (!PREDICTION_PARAMETERS.contains(parameter)) {
                    unused.add(o);
                    continue;
                }
                stage = PREDICT;
            }
            if (!with.containsKey(stage)) {
                throw new IllegalArgumentException("--set " + o + ": the recommend pipeline has no stage '" + stage
                        + "' (its stages: " + String.join(", ", ids) + ")");
            }
            with.get(stage).put(parameter, o.substring(eq + 1));
        }
        List<String> types = List.of("labelled-data", "source-network", "incremental-defrosting",
                fast ? DepthPredictionStage.TYPE : "fine-tune", "report");
        StringBuilder y = new StringBuilder();
        y.append("# Written by: ").append(command).append('\n');
        y.append("# Repetitions (seeds) are stratified resamplings of the labelled examples, not fresh draws.\n");
        y.append("# defrost run FILE repeats the study (reusing what the workspace holds) and defrost serve takes it, from\n");
        y.append("# the directory holding the files below or with --data-root for their directories.\n");
        if (fast) {
            y.append("# The fast mode: depth-prediction predicts l* in place of the fine-tune sweep (docs/fast-mode.md).\n");
            if (!unused.isEmpty()) {
                y.append("# Fine-tune settings depth-prediction does not take, not used: ").append(String.join(" ", unused))
                        .append('\n');
            }
        }
        y.append("pipeline: recommend\n");
        y.append("seed: ").append(seed).append('\n');
        y.append("seeds: ").append(resamples).append('\n');
        if (hasCandidates()) {
            y.append("matrix:\n  ").append(MATRIX_KEY).append(": ")
                    .append(sources.stream().map(p -> quoted(p.toString())).collect(Collectors.joining(", ", "[", "]")))
                    .append('\n');
        }
        y.append("stages:\n");
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            y.append("  - id: ").append(id).append('\n');
            y.append("    uses: ").append(types.get(i)).append('\n');
            if (!with.get(id).isEmpty()) {
                y.append("    with:\n");
                with.get(id).forEach((k, v) -> y.append("      ").append(k).append(": ").append(v).append('\n'));
            }
        }
        return y.toString();
    }

    /** The stages' ids, in order. */
    List<String> stageIds() {
        return fast ? FAST_STAGE_IDS : STAGE_IDS;
    }

    /**
     * Writes {@link #yaml()} as {@code recommend/recommend-HASH.yaml} in the workspace, HASH from its text, so the same
     * study always has the same file.
     *
     * @return the file
     */
    Path write(Path workspace) throws IOException {
        String text = yaml();
        Path dir = workspace.resolve("recommend");
        Files.createDirectories(dir);
        Path file = dir.resolve("recommend-" + sha256(text).substring(0, 12) + ".yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** The directories of the files the pipeline reads, which its path parameters must be allowed to name. */
    List<Path> dataDirectories() {
        List<Path> dirs = new ArrayList<>();
        for (Path p : sources) {
            dirs.add(Files.isDirectory(p) ? p : p.getParent());
        }
        dirs.add(inputs.getParent());
        if (labels != null) {
            dirs.add(labels.getParent());
        }
        return dirs.stream().distinct().toList();
    }

    /** A YAML double-quoted scalar. */
    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
