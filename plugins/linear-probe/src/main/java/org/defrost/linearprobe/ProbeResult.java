package org.defrost.linearprobe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.study.support.Csv;

/**
 * What one probe measured: a linear readout trained on layer {@code layer} of S with {@code trainSize} target
 * examples. Stored as the one-row {@code probe.csv} of a work unit's artifact.
 *
 * @param targetSize      n as requested
 * @param trainSize       rows the readout trained on
 * @param validationSize  rows it early-stopped on
 * @param layer           the probed layer: 0 the input, 1..L the feature layers of S
 * @param width           the layer's width, the readout's input dimension
 * @param testError       0/1 error on the target test set
 * @param testLoss        mean loss on the target test set
 * @param trainError      0/1 error on the fitting rows (0 when they are linearly separable in this layer)
 * @param validationError 0/1 error on the validation rows at the restored best epoch
 * @param epochs          epochs trained
 * @param bestEpoch       epoch whose weights were kept
 * @param stopReason      why training stopped
 */
record ProbeResult(int targetSize, int trainSize, int validationSize, int layer, int width, double testError, double testLoss, double trainError,
                   double validationError, int epochs, int bestEpoch, String stopReason) {
    static final String FILE = "probe.csv";

    /** The columns in table order. */
    Map<String, Object> columns() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("targetSize", targetSize);
        m.put("trainSize", trainSize);
        m.put("validationSize", validationSize);
        m.put("layer", layer);
        m.put("width", width);
        m.put("testError", testError);
        m.put("testLoss", testLoss);
        m.put("trainError", trainError);
        m.put("validationError", validationError);
        m.put("epochs", epochs);
        m.put("bestEpoch", bestEpoch);
        m.put("stopReason", stopReason);
        return m;
    }

    void write(Path dir) throws IOException {
        Csv.write(dir.resolve(FILE), List.of(columns()));
    }

    static ProbeResult read(Path dir) throws IOException {
        List<Map<String, String>> rows = Csv.read(dir.resolve(FILE));
        if (rows.size() != 1) {
            throw new IOException(dir.resolve(FILE) + ": expected one row, found " + rows.size());
        }
        Map<String, String> r = rows.get(0);
        return new ProbeResult(Integer.parseInt(r.get("targetSize")), Integer.parseInt(r.get("trainSize")),
                Integer.parseInt(r.get("validationSize")), Integer.parseInt(r.get("layer")),
                Integer.parseInt(r.get("width")), Double.parseDouble(r.get("testError")),
                Double.parseDouble(r.get("testLoss")), Double.parseDouble(r.get("trainError")),
                Double.parseDouble(r.get("validationError")), Integer.parseInt(r.get("epochs")),
                Integer.parseInt(r.get("bestEpoch")), r.get("stopReason"));
    }
}
