package org.defrost.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defrost.npy.Npy;

/**
 * Averages the seeds' similarity tables and writes the similarity-results artifact: {@code profiles.csv}
 * (per seed, the diagonal: layer i of S against layer i of T*), {@code profile-summary.csv} (mean and standard
 * error over seeds), {@code layer-matrices.csv} and {@code matrices/PROBE/MEASURE.npy} (the layer × layer means,
 * float64, rows = layers of S, columns = layers of T*).
 */
final class SimilaritySummary {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Object> cell;
    private final List<Map<String, Object>> profileRows = new ArrayList<>();
    /** probe → measure → per-seed layer × layer tables, or per-seed profiles as 1-row tables. */
    private final Map<String, Map<String, List<double[][]>>> tables = new LinkedHashMap<>();
    private final Set<String> measures = new LinkedHashSet<>();
    private int layers;

    SimilaritySummary(Map<String, Object> cell) {
        this.cell = cell;
    }

    void add(int seed, Path file) throws IOException {
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
                tables.computeIfAbsent(probe.getKey(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(value);
                for (int layer = 0; layer < layers; layer++) {
                    Map<String, Object> row = new LinkedHashMap<>(cell);
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
        for (var probe : tables.entrySet()) {
            for (var m : probe.getValue().entrySet()) {
                List<double[][]> seeds = m.getValue();
                boolean isProfile = seeds.get(0).length == 1 && layers > 1;
                for (int layer = 0; layer < layers; layer++) {
                    double[] v = new double[seeds.size()];
                    for (int s = 0; s < v.length; s++) {
                        v[s] = isProfile ? seeds.get(s)[0][layer] : seeds.get(s)[layer][layer];
                    }
                    Map<String, Object> row = new LinkedHashMap<>(cell);
                    row.put("probe", probe.getKey());
                    row.put("measure", m.getKey());
                    row.put("layer", layer);
                    row.put("mean", TransferSummary.mean(v));
                    row.put("stderr", TransferSummary.stderr(v));
                    summary.add(row);
                }
                if (isProfile) {
                    continue;
                }
                double[] mean = new double[layers * layers];
                for (int i = 0; i < layers; i++) {
                    for (int j = 0; j < layers; j++) {
                        double[] v = new double[seeds.size()];
                        for (int s = 0; s < v.length; s++) {
                            v[s] = seeds.get(s)[i][j];
                        }
                        mean[i * layers + j] = TransferSummary.mean(v);
                        Map<String, Object> row = new LinkedHashMap<>(cell);
                        row.put("probe", probe.getKey());
                        row.put("measure", m.getKey());
                        row.put("sourceLayer", i);
                        row.put("targetLayer", j);
                        row.put("value", mean[i * layers + j]);
                        matrixRows.add(row);
                    }
                }
                Path npy = dir.resolve("matrices").resolve(probe.getKey()).resolve(m.getKey() + ".npy");
                Files.createDirectories(npy.getParent());
                Npy.write(npy, mean, layers, layers);
            }
        }
        Csv.write(dir.resolve("profile-summary.csv"), summary);
        Csv.write(dir.resolve("layer-matrices.csv"), matrixRows);
    }

    List<String> measures() {
        return List.copyOf(measures);
    }

    List<String> probes() {
        return List.copyOf(tables.keySet());
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
