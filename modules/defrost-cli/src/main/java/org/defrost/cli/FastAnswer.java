package org.defrost.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.defrost.engine.store.StoredArtifact;
import org.defrost.nn.io.BlockNetworkIo;
import org.defrost.nn.io.NetworkIo;
import org.defrost.onnx.OnnxBlockNetwork;
import org.defrost.onnx.OnnxImport;
import org.defrost.study.support.Csv;

/**
 * The answer of {@code defrost recommend --fast}, read from the {@code depth-prediction} artifact of its run
 * ({@code predictions.csv}, {@code ranking.csv} and the metadata {@code recommendedSource}, docs/fast-mode.md):
 * per source network and target size the predicted ℓ* and initialisation over the resamples, the prediction's
 * cost against the full sweep's, and with several sources their ranking by predicted best validation error.
 *
 * @param predictions  one per source network and target size, sources in the pipeline's order
 * @param ranking      the sources at the largest size, best first; empty with one source
 * @param recommended  the source the stage says to use at the largest size; null with one source
 * @param costSampleEpochs         training sample-epochs the predictions spent, over all sources, sizes and resamples
 * @param fullSweepCostSampleEpochs the full sweep's, over the same
 * @param fullSweepCost            how the sweep's cost was obtained: {@code estimated} (an upper bound) or {@code measured}
 */
record FastAnswer(List<Prediction> predictions, List<Ranked> ranking, Path recommended, long costSampleEpochs,
                  long fullSweepCostSampleEpochs, String fullSweepCost) {

    /**
     * The prediction for one source network and target size, over its resamples.
     *
     * @param source          the source network's file, absolute
     * @param targetSize      n, the examples trained on
     * @param validationSize  the validation rows the short fine-tunes were ranked on
     * @param depth           the predicted ℓ*: the one predicted in the most resamples (ties: the lower mean error)
     * @param init            its initialisation of the layers above ℓ*
     * @param agreeing        the resamples predicting this depth and initialisation
     * @param resamples       the resamples predicted
     * @param validationError the mean over all resamples of the predicted network's validation error
     * @param lowest          the lowest of them
     * @param highest         the highest
     */
    record Prediction(String source, int targetSize, int validationSize, int depth, String init, int agreeing,
                      int resamples, double validationError, double lowest, double highest) {
    }

    /**
     * A source network in the ranking.
     *
     * @param source          the file
     * @param validationError its mean predicted best validation error over the resamples
     * @param first           the resamples in which the stage ranked it first
     * @param resamples       the resamples ranked
     */
    record Ranked(Path source, double validationError, long first, long resamples) {
    }

    /**
     * Reads the answer from the run's {@code depth-prediction} artifact.
     *
     * @param sources the pipeline's source files in order; with more than one they are the values of the matrix over
     *                {@link RecommendPipeline#MATRIX_KEY}
     */
    static FastAnswer read(StoredArtifact artifact, List<Path> sources) throws IOException {
        Map<String, Path> byLabel = new LinkedHashMap<>();
        for (Path p : sources) {
            byLabel.put(sources.size() > 1 ? RecommendPipeline.MATRIX_KEY + "=" + p : "source", p);
        }
        List<Map<String, String>> rows = Csv.read(artifact.directory().resolve("predictions.csv"));
        long cost = 0;
        long full = 0;
        String how = null;
        Map<Path, Map<Integer, List<Map<String, String>>>> grouped = new LinkedHashMap<>();
        sources.forEach(p -> grouped.put(p, new TreeMap<>()));
        for (Map<String, String> row : rows) {
            cost += Long.parseLong(row.get("costSampleEpochs"));
            full += Long.parseLong(row.get("fullSweepCostSampleEpochs"));
            how = how == null || how.equals(row.get("fullSweepCost")) ? row.get("fullSweepCost") : "partly measured";
            grouped.get(source(byLabel, row.get("source"))).computeIfAbsent(Integer.parseInt(row.get("targetSize")),
                    n -> new ArrayList<>()).add(row);
        }
        List<Prediction> predictions = new ArrayList<>();
        grouped.forEach((source, bySize) -> bySize.forEach((n, group) -> predictions.add(prediction(source, n, group))));
        int largest = predictions.stream().mapToInt(Prediction::targetSize).max().orElseThrow();
        List<Ranked> ranking = new ArrayList<>();
        Path recommended = null;
        Path rankingFile = artifact.directory().resolve("ranking.csv");
        if (Files.exists(rankingFile)) {
            List<Map<String, String>> ranks = Csv.read(rankingFile).stream()
                    .filter(r -> Integer.parseInt(r.get("targetSize")) == largest).toList();
            for (Prediction p : predictions) {
                if (p.targetSize() == largest) {
                    String label = label(byLabel, Path.of(p.source()));
                    List<Map<String, String>> mine = ranks.stream().filter(r -> r.get("source").equals(label)).toList();
                    ranking.add(new Ranked(Path.of(p.source()), p.validationError(),
                            mine.stream().filter(r -> r.get("rank").equals("1")).count(), mine.size()));
                }
            }
            ranking.sort(Comparator.comparingDouble(Ranked::validationError).thenComparingLong(r -> -r.first())
                    .thenComparing(r -> r.source().toString()));
            Object choice = artifact.manifest().metadata().get("recommendedSource");
            if (choice instanceof Map<?, ?> m && m.get(String.valueOf(largest)) != null) {
                recommended = source(byLabel, m.get(String.valueOf(largest)).toString());
            }
        }
        return new FastAnswer(List.copyOf(predictions), List.copyOf(ranking), recommended, cost, full, how);
    }

    /** The prediction over the resamples of one source and size: the most frequent depth and initialisation. */
    private static Prediction prediction(Path source, int n, List<Map<String, String>> group) {
        Map<String, List<Double>> byChoice = new LinkedHashMap<>();
        for (Map<String, String> row : group) {
            byChoice.computeIfAbsent(row.get("predictedDepth") + "/" + row.get("predictedInit"), k -> new ArrayList<>())
                    .add(Double.parseDouble(row.get("predictedValidationError")));
        }
        String mode = byChoice.keySet().stream().min(Comparator.<String>comparingInt(k -> -byChoice.get(k).size())
                .thenComparingDouble(k -> mean(byChoice.get(k)))).orElseThrow();
        List<Double> errors = group.stream().map(r -> Double.parseDouble(r.get("predictedValidationError"))).toList();
        int slash = mode.indexOf('/');
        return new Prediction(source.toString(), n, Integer.parseInt(group.get(0).get("validationSize")),
                Integer.parseInt(mode.substring(0, slash)), mode.substring(slash + 1), byChoice.get(mode).size(),
                group.size(), mean(errors), errors.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                errors.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static Path source(Map<String, Path> byLabel, String label) {
        Path p = byLabel.get(label);
        if (p == null) {
            throw new IllegalStateException("depth-prediction names a source '" + label + "' that is not among "
                    + byLabel.keySet());
        }
        return p;
    }

    private static String label(Map<String, Path> byLabel, Path source) {
        return byLabel.entrySet().stream().filter(e -> e.getValue().equals(source)).findFirst().orElseThrow().getKey();
    }

    /** The largest target size predicted: the one the ranking uses. */
    int largestSize() {
        return predictions.stream().mapToInt(Prediction::targetSize).max().orElseThrow();
    }

    /** The compute ratio: the predictions' sample-epochs over the full sweep's. */
    double costRatio() {
        return (double) costSampleEpochs / fullSweepCostSampleEpochs;
    }

    /**
     * The answer in words.
     *
     * @param data      what the data is, e.g. {@code X.npy, 600 examples}
     * @param sweepCommand the command that runs the full sweep
     */
    String text(String data, String sweepCommand) {
        StringBuilder sb = new StringBuilder();
        int resamples = predictions.get(0).resamples();
        sb.append("Fast prediction for ").append(data).append(" (").append(resamples)
                .append(resamples == 1 ? " resample" : " resamples").append(": stratified resamplings of your examples, "
                        + "not fresh draws).\n");
        sb.append("This is a PREDICTION of l* (depth-prediction: linear probes of every layer and short fine-tunes of every "
                + "depth with successive halving, chosen on validation error), not the full sweep's answer; it has no "
                + "test error, interval or gains.\n");
        String previous = null;
        for (Prediction p : predictions) {
            if (!p.source().equals(previous)) {
                sb.append("  source ").append(Path.of(p.source()).getFileName()).append('\n');
                previous = p.source();
            }
            sb.append(String.format(Locale.ROOT, "    n=%d (+%d validation): predicted l* = %d, layers above %s "
                            + "(in %d of %d resamples); validation error %.4f (mean over resamples; %.4f to %.4f)%n",
                    p.targetSize(), p.validationSize(), p.depth(), p.init(), p.agreeing(), p.resamples(),
                    p.validationError(), p.lowest(), p.highest()));
        }
        sb.append(String.format(Locale.ROOT, "Cost: %,d training sample-epochs, %.3f of the full sweep's %s %,d%s.%n",
                costSampleEpochs, costRatio(), fullSweepCost, fullSweepCostSampleEpochs,
                "estimated".equals(fullSweepCost) ? " (every starting network trained maxEpochs on n rows: an upper "
                        + "bound, early stopping ends most cells sooner)" : ""));
        if (!ranking.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "Source networks ranked by predicted best validation error (n=%d):%n",
                    largestSize()));
            sb.append(String.format(Locale.ROOT, "  %-4s %-28s %-17s %s%n", "rank", "source", "validation error",
                    "ranked first"));
            int rank = 1;
            for (Ranked r : ranking) {
                sb.append(String.format(Locale.ROOT, "  %-4d %-28s %-17.4f in %d of %d resamples%n", rank++,
                        r.source().getFileName(), r.validationError(), r.first(), r.resamples()));
            }
            if (recommended != null) {
                sb.append("Use ").append(recommended.getFileName())
                        .append(" (the source ranked first in the most resamples; ties: the lower mean error).\n");
            }
            List<String> tied = ranking.stream().filter(r -> r.validationError() == ranking.get(0).validationError())
                    .map(r -> r.source().getFileName().toString()).toList();
            if (tied.size() > 1) {
                sb.append("  ").append(String.join(" and ", tied)).append(" tie on predicted error: the prediction does "
                        + "not separate them (among equal errors the stage ranks the sources in the command's order).\n");
            }
        }
        sb.append("Nothing is exported: the fast mode trains no network to its end. The full sweep (l* with its expected "
                + "test error, interval and gains, and the fine-tuned network in ONNX):\n  ").append(sweepCommand).append('\n');
        return sb.toString();
    }

    /** The answer as JSON-ready values, for {@code prediction.json}. */
    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("prediction", "a prediction of the depth-prediction stage, not the full sweep's answer");
        out.put("resampling", "repetitions are stratified resamplings of the labelled examples, not fresh draws");
        out.put("predictions", predictions);
        out.put("costSampleEpochs", costSampleEpochs);
        out.put("fullSweepCostSampleEpochs", fullSweepCostSampleEpochs);
        out.put("fullSweepCost", fullSweepCost);
        out.put("costRatio", costRatio());
        out.put("ranking", ranking.stream().map(r -> r.source().toString()).collect(Collectors.toList()));
        out.put("recommendedSource", recommended == null ? null : recommended.toString());
        return out;
    }

    /**
     * Whether {@code file} holds a block (convolutional) network, which the fast mode refuses: a defrost network
     * directory of the block format, or an ONNX model whose chain maps onto blocks. A file that cannot be read gives
     * false, for the {@code source-network} stage to report.
     */
    static boolean isBlockNetwork(Path file) {
        try {
            if (Files.isDirectory(file)) {
                Path json = Files.isRegularFile(file.resolve(NetworkIo.JSON)) ? file.resolve(NetworkIo.JSON)
                        : file.resolve("network").resolve(NetworkIo.JSON);
                return Files.isRegularFile(json) && Files.readString(json).contains("\"" + BlockNetworkIo.FORMAT + "\"");
            }
            return OnnxImport.readAny(file) instanceof OnnxBlockNetwork;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
