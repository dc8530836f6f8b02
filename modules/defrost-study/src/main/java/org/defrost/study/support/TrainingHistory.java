package org.defrost.study.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.nn.train.EpochRecord;
import org.defrost.nn.train.TrainingResult;

/**
 * A training run's epochs as {@code history.csv}: columns {@code epoch}, {@code trainLoss},
 * {@code validationLoss}, {@code validationError}, {@code learningRate}; no wall-clock figures, so that the
 * file depends only on what was trained.
 */
public final class TrainingHistory {
    /** The file name used in artifacts. */
    public static final String FILE = "history.csv";

    private TrainingHistory() {
    }

    /** Writes the epochs of {@code result} to {@code file}. */
    public static void write(Path file, TrainingResult result) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EpochRecord r : result.history()) {
            Map<String, Object> row = Csv.row(r);
            row.remove("seconds"); // wall-clock time would make the file depend on the machine
            rows.add(row);
        }
        Csv.write(file, rows);
    }

    /**
     * Reads a file written by {@link #write}: per epoch, {@code epoch} (Integer) and the losses and
     * validation error (Double), ready to be appended to a table row.
     */
    public static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, String> r : Csv.read(file)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", Integer.parseInt(r.get("epoch")));
            row.put("trainLoss", Double.parseDouble(r.get("trainLoss")));
            row.put("validationLoss", Double.parseDouble(r.get("validationLoss")));
            row.put("validationError", Double.parseDouble(r.get("validationError")));
            out.add(row);
        }
        return out;
    }
}
