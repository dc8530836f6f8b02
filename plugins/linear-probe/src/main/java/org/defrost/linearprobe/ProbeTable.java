package org.defrost.linearprobe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The probes of one matrix cell over all seeds: the tidy table ({@code probes.csv}, one row per seed, size and
 * layer), the profile ({@code profile.csv}, means and standard errors over seeds) and its text summary.
 */
final class ProbeTable {
    /**
     * One probe and the seed index of the task pair and source network it used.
     *
     * @param seedIndex the seed index (0-based)
     * @param result    what it measured
     */
    record Entry(int seedIndex, ProbeResult result) {
    }

    /** Mean and standard error over seeds of one (size, layer). */
    record Point(int targetSize, int trainSize, int layer, int width, int seeds, double testError, double testErrorStandardError,
                 double testLoss, double trainError, double validationError) {
    }

    private final List<Entry> entries;
    private final Map<String, Object> cell;

    /** @param cell the matrix cell's values, the first columns of every row */
    ProbeTable(List<Entry> entries, Map<String, Object> cell) {
        this.entries = List.copyOf(entries);
        this.cell = cell;
    }

    List<Map<String, Object>> probeRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> row = new LinkedHashMap<>(cell);
            row.put("seed", e.seedIndex());
            row.putAll(e.result().columns());
            rows.add(row);
        }
        return rows;
    }

    /** The profile, by size then layer. */
    List<Point> profile() {
        Map<List<Integer>, List<ProbeResult>> groups = new TreeMap<>((a, b) ->
                a.get(0).equals(b.get(0)) ? Integer.compare(a.get(1), b.get(1)) : Integer.compare(a.get(0), b.get(0)));
        for (Entry e : entries) {
            groups.computeIfAbsent(List.of(e.result().targetSize(), e.result().layer()), k -> new ArrayList<>()).add(e.result());
        }
        List<Point> points = new ArrayList<>();
        groups.forEach((key, results) -> {
            double[] errors = results.stream().mapToDouble(ProbeResult::testError).toArray();
            points.add(new Point(key.get(0), results.get(0).trainSize(), key.get(1), results.get(0).width(), results.size(), mean(errors),
                    standardError(errors), mean(results.stream().mapToDouble(ProbeResult::testLoss).toArray()),
                    mean(results.stream().mapToDouble(ProbeResult::trainError).toArray()),
                    mean(results.stream().mapToDouble(ProbeResult::validationError).toArray())));
        });
        return points;
    }

    List<Map<String, Object>> profileRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Point p : profile()) {
            Map<String, Object> row = new LinkedHashMap<>(cell);
            row.put("targetSize", p.targetSize());
            row.put("trainSize", p.trainSize());
            row.put("layer", p.layer());
            row.put("width", p.width());
            row.put("seeds", p.seeds());
            row.put("testError", p.testError());
            row.put("testErrorStandardError", p.testErrorStandardError());
            row.put("testLoss", p.testLoss());
            row.put("trainError", p.trainError());
            row.put("validationError", p.validationError());
            rows.add(row);
        }
        return rows;
    }

    /**
     * The profile as a table of layers by training set size, then the layer with the lowest mean test error
     * for each size.
     */
    String summary(int seeds) {
        List<Point> profile = profile();
        TreeSet<Integer> sizes = new TreeSet<>();
        TreeMap<Integer, Integer> widths = new TreeMap<>();
        Map<List<Integer>, Point> at = new LinkedHashMap<>();
        for (Point p : profile) {
            sizes.add(p.targetSize());
            widths.put(p.layer(), p.width());
            at.put(List.of(p.targetSize(), p.layer()), p);
        }
        StringBuilder sb = new StringBuilder("Linear probe: target test error of a linear readout on each layer of S");
        sb.append(seeds > 1 ? " (mean ± standard error over " + seeds + " seeds)" : " (one seed: standard error n/a (1 seed))");
        sb.append(cell.isEmpty() ? "" : " for " + cell).append('\n');
        sb.append(String.format(Locale.ROOT, "  %5s %6s", "layer", "width"));
        for (int n : sizes) {
            sb.append(String.format(Locale.ROOT, " %15s", "n=" + n));
        }
        sb.append('\n');
        widths.forEach((layer, width) -> {
            sb.append(String.format(Locale.ROOT, "  %5d %6d", layer, width));
            for (int n : sizes) {
                Point p = at.get(List.of(n, layer));
                sb.append(String.format(Locale.ROOT, " %15s", p == null ? "-" : Double.isNaN(p.testErrorStandardError())
                        ? String.format(Locale.ROOT, "%.3f", p.testError())
                        : String.format(Locale.ROOT, "%.3f ± %.3f", p.testError(), p.testErrorStandardError())));
            }
            sb.append('\n');
        });
        List<String> best = new ArrayList<>();
        for (int n : sizes) {
            Point lowest = null;
            for (Point p : profile) {
                if (p.targetSize() == n && (lowest == null || p.testError() < lowest.testError())) {
                    lowest = p;
                }
            }
            best.add("layer " + lowest.layer() + " for n=" + n);
        }
        return sb.append("  lowest mean test error: ").append(String.join(", ", best)).toString();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The sample standard deviation over sqrt(k); NaN for a single value. */
    private static double standardError(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1) / v.length);
    }
}
