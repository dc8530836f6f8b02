package org.defrost.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.defrost.npy.Npy;
import org.defrost.study.support.Csv;

/**
 * Averages the seeds' similarity tables and writes the similarity-results artifact: {@code profiles.csv}
 * (per seed, the diagonal: layer i of S against layer i of T*), {@code profile-summary.csv} (mean and standard
 * error over seeds), {@code layer-matrices.csv} and the layer × layer means as {@code .npy} (float64, rows =
 * layers of S, columns = layers of T*): {@code matrices/PROBE/MEASURE.npy} for the whole-pool T*,
 * {@code matrices/nN/PROBE/MEASURE.npy} for a T* trained on N examples. Every row starts with the matrix
 * cell's values, {@code targetSize} (the examples T* trained on) and {@code pool} (whether that T* is the
 * whole-pool one).
 */
final class SimilaritySummary {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Object> cell;
    private final List<Map<String, Object>> profileRows = new ArrayList<>();
    /** T* size → probe → measure → per-seed layer × layer tables, or per-seed profiles as 1-row tables. */
    private final Map<Integer, Map<String, Map<String, List<double[][]>>>> tables = new TreeMap<>();
    private final Set<String> probes = new LinkedHashSet<>();
    private final Set<Integer> poolSizes = new HashSet<>();
    private final Set<String> measures = new LinkedHashSet<>();
    private int layers;

    SimilaritySummary(Map<String, Object> cell) {
        this.cell = cell;
    }

    /** Adds one seed's comparison of S with the T* trained on {@code targetSize} examples. */
    void add(int seed, int targetSize, boolean pool, Path file) throws IOException {
        if (pool) {
            poolSizes.add(targetSize);
        }
        JsonNode root = JSON.readTree(file.toFile());
        layers = root.get("layers").asInt();
        var probes = root.get("probes").fields();
        while (probes.hasNext()) {
            var probe = probes.next();
            var ms = probe.getValue().fields();
            while (ms.hasNext()) {
                var m = ms.next();
                measures.add(m.getKey());
                boolean isProfile = m.getValue().has("profile");
                double[][] value = isProfile ? new double[][] {vector(m.getValue().get("profile"))} : matrix(m.getValue().get("value"));
                double[][] stderr = isProfile ? new double[][] {vector(m.getValue().get("stderr"))} : matrix(m.getValue().get("stderr"));
                this.probes.add(probe.getKey());
                tables.computeIfAbsent(targetSize, k -> new LinkedHashMap<>())
                        .computeIfAbsent(probe.getKey(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(value);
                for (int layer = 0; layer < layers; layer++) {
                    Map<String, Object> row = head(targetSize);
                    row.put("seed", seed);
                    row.put("probe", probe.getKey());
                    row.put("measure", m.getKey());
                    row.put("layer", layer);
                    row.put("value", isProfile ? value[0][layer] : value[layer][layer]);
                    row.put("stderr", isProfile ? stderr[0][layer] : stderr[layer][layer]);
                    profileRows.add(row);
                }
            }
        }
    }

    void write(Path dir) throws IOException {
        Csv.write(dir.resolve("profiles.csv"), profileRows);
        List<Map<String, Object>> summary = new ArrayList<>();
        List<Map<String, Object>> matrixRows = new ArrayList<>();
        for (var size : tables.entrySet()) {
            Path matrices = poolSizes.contains(size.getKey()) ? dir.resolve("matrices")
                    : dir.resolve("matrices").resolve("n" + size.getKey());
            for (var probe : size.getValue().entrySet()) {
                for (var m : probe.getValue().entrySet()) {
                    summarise(size.getKey(), probe.getKey(), m.getKey(), m.getValue(), summary, matrixRows,
                            matrices.resolve(probe.getKey()).resolve(m.getKey() + ".npy"));
                }
            }
        }
        Csv.write(dir.resolve("profile-summary.csv"), summary);
        Csv.write(dir.resolve("layer-matrices.csv"), matrixRows);
    }

    /** Adds one (T* size, probe, measure)'s rows over seeds and writes its mean matrix to {@code npy}. */
    private void summarise(int targetSize, String probe, String measure, List<double[][]> seeds,
                           List<Map<String, Object>> summary, List<Map<String, Object>> matrixRows, Path npy)
            throws IOException {
        boolean isProfile = seeds.get(0).length == 1 && layers > 1;
        for (int layer = 0; layer < layers; layer++) {
            double[] v = new double[seeds.size()];
            for (int s = 0; s < v.length; s++) {
                v[s] = isProfile ? seeds.get(s)[0][layer] : seeds.get(s)[layer][layer];
            }
            Map<String, Object> row = head(targetSize);
            row.put("probe", probe);
            row.put("measure", measure);
            row.put("layer", layer);
            row.put("mean", TransferStatistics.mean(v));
            row.put("stderr", TransferStatistics.stderr(v));
            summary.add(row);
        }
        if (isProfile) {
            return;
        }
        double[] mean = new double[layers * layers];
        for (int i = 0; i < layers; i++) {
            for (int j = 0; j < layers; j++) {
                double[] v = new double[seeds.size()];
                for (int s = 0; s < v.length; s++) {
                    v[s] = seeds.get(s)[i][j];
                }
                mean[i * layers + j] = TransferStatistics.mean(v);
                Map<String, Object> row = head(targetSize);
                row.put("probe", probe);
                row.put("measure", measure);
                row.put("sourceLayer", i);
                row.put("targetLayer", j);
                row.put("value", mean[i * layers + j]);
                matrixRows.add(row);
            }
        }
        Files.createDirectories(npy.getParent());
        Npy.write(npy, mean, layers, layers);
    }

    List<String> measures() {
        return List.copyOf(measures);
    }

    List<String> probes() {
        return List.copyOf(probes);
    }

    /** The sizes of the T* networks, ascending. */
    List<Integer> targetSizes() {
        return List.copyOf(tables.keySet());
    }

    private Map<String, Object> head(int targetSize) {
        Map<String, Object> row = new LinkedHashMap<>(cell);
        row.put("targetSize", targetSize);
        row.put("pool", poolSizes.contains(targetSize));
        return row;
    }

    int layers() {
        return layers;
    }

    private static double[] vector(JsonNode n) {
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asDouble(Double.NaN);
        }
        return out;
    }

    private static double[][] matrix(JsonNode n) {
        double[][] out = new double[n.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(n.get(i));
        }
        return out;
    }
}
