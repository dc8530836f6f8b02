package org.defrost.study.fast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.defrost.study.support.Csv;

/**
 * Source selection: for every target (identified by the contents of its target pool) and size n that several
 * source networks were predicted for, the sources ranked by the fast mode's predicted best achievable
 * validation error (ties: the source listed first); then, per size, the source to use: the one ranked first for
 * the most targets (ties: the lower mean predicted error).
 */
final class SourceRanking {

    /**
     * One prediction as the ranking sees it.
     *
     * @param target          identifies the target data (a digest of its target pool)
     * @param seed            the seed index the target belongs to
     * @param targetSize      n
     * @param source          the candidate's label (its matrix cell)
     * @param validationError the predicted best validation error
     * @param depth           the predicted ℓ*
     * @param init            the predicted initialisation
     * @param sweepTestError  the full sweep's test error at its ℓ* for this source, or NaN when it did not run
     */
    record Entry(String target, int seed, int targetSize, String source, double validationError, int depth, String init,
                 double sweepTestError) {
    }

    /** One row of {@code ranking.csv}: an entry with its rank in its group (1 = best). */
    record Row(String target, int seed, int targetSize, int rank, String source, double predictedValidationError,
               int predictedDepth, String predictedInit, double fullSweepTestError) {
    }

    private final List<Entry> entries;

    SourceRanking(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The groups of two or more sources for one target and size, each ranked, by target then size. */
    List<List<Entry>> groups() {
        Map<String, List<Entry>> byGroup = new LinkedHashMap<>();
        for (Entry e : entries) {
            byGroup.computeIfAbsent(e.target() + "/" + e.targetSize(), k -> new ArrayList<>()).add(e);
        }
        List<List<Entry>> out = new ArrayList<>();
        for (List<Entry> group : byGroup.values()) {
            if (group.stream().map(Entry::source).distinct().count() >= 2) {
                List<Entry> ranked = new ArrayList<>(group);
                ranked.sort(Comparator.comparingDouble(Entry::validationError));
                out.add(ranked);
            }
        }
        return out;
    }

    /** Whether any target has two or more candidate sources. */
    boolean isEmpty() {
        return groups().isEmpty();
    }

    /** One row per ranked source: target, seed, targetSize, rank (1 = best), source, prediction, sweep error. */
    List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<Entry> group : groups()) {
            for (int r = 0; r < group.size(); r++) {
                Entry e = group.get(r);
                rows.add(Csv.row(new Row(e.target(), e.seed(), e.targetSize(), r + 1, e.source(), e.validationError(),
                        e.depth(), e.init(), e.sweepTestError())));
            }
        }
        return rows;
    }

    /** Per size, the source to use: first for the most targets, then the lower mean predicted error. */
    Map<Integer, String> choice() {
        Map<Integer, Map<String, int[]>> wins = new TreeMap<>();
        Map<Integer, Map<String, double[]>> errors = new TreeMap<>();
        for (List<Entry> group : groups()) {
            int n = group.get(0).targetSize();
            for (Entry e : group) {
                wins.computeIfAbsent(n, k -> new LinkedHashMap<>()).computeIfAbsent(e.source(), k -> new int[1]);
                double[] sum = errors.computeIfAbsent(n, k -> new LinkedHashMap<>()).computeIfAbsent(e.source(),
                        k -> new double[2]);
                sum[0] += e.validationError();
                sum[1]++;
            }
            wins.get(n).get(group.get(0).source())[0]++;
        }
        Map<Integer, String> out = new TreeMap<>();
        wins.forEach((n, bySource) -> {
            Map<String, double[]> err = errors.get(n);
            out.put(n, bySource.keySet().stream().min(Comparator.<String>comparingInt(s -> -bySource.get(s)[0])
                    .thenComparingDouble(s -> err.get(s)[0] / err.get(s)[1])).orElseThrow());
        });
        return out;
    }

    /** The terminal's lines: per size, which source to use and how often it ranked first. */
    String summary() {
        StringBuilder sb = new StringBuilder("Source ranking by predicted best validation error:");
        Map<Integer, String> choice = choice();
        choice.forEach((n, source) -> {
            long targets = groups().stream().filter(g -> g.get(0).targetSize() == n).count();
            long first = groups().stream().filter(g -> g.get(0).targetSize() == n && g.get(0).source().equals(source))
                    .count();
            sb.append(String.format(Locale.ROOT, "%n  n=%d: use %s (ranked first for %d of %d targets)", n, source,
                    first, targets));
        });
        return sb.toString();
    }
}
