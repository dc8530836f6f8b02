package org.defrost.study.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.nn.train.EpochRecord;
import org.defrost.nn.train.StopReason;
import org.defrost.nn.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    /** Not public, as the rows of a stage's own tables often are. */
    private record Rung(int rung, String init, double error, boolean kept) {
    }

    @Test
    void aRecordRowHasOneColumnPerComponentInDeclarationOrder() {
        Map<String, Object> row = Csv.row(new Rung(2, "random", 0.25, true));
        assertEquals(List.of("rung", "init", "error", "kept"), List.copyOf(row.keySet()));
        assertEquals(List.of(2, "random", 0.25, true), List.copyOf(row.values()));
    }

    @Test
    void recordRowsWriteAndReadBackAsText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rungs.csv");
        Csv.write(file, List.of(Csv.row(new Rung(1, "random", Double.NaN, false)),
                Csv.row(new Rung(2, "pretrained", 0.5, true))));
        assertEquals("rung,init,error,kept\n1,random,NaN,false\n2,pretrained,0.5,true\n", Files.readString(file));
        assertEquals(List.of(Map.of("rung", "1", "init", "random", "error", "NaN", "kept", "false"),
                Map.of("rung", "2", "init", "pretrained", "error", "0.5", "kept", "true")), Csv.read(file));
    }

    @Test
    void aTrainingHistoryHasTheEpochColumnsButNoWallClockTime(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(TrainingHistory.FILE);
        EpochRecord first = new EpochRecord(1, 0.75, 0.5, 0.25, 1e-3, 12.5);
        EpochRecord second = new EpochRecord(2, 0.5, Double.NaN, Double.NaN, 5e-4, 11.0);
        TrainingHistory.write(file, trainingResult(List.of(first, second)));
        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of("epoch,trainLoss,validationLoss,validationError,learningRate", "1,0.75,0.5,0.25,0.001",
                "2,0.5,NaN,NaN,5.0E-4"), lines);
        List<Map<String, Object>> read = TrainingHistory.read(file);
        assertEquals(Map.of("epoch", 1, "trainLoss", 0.75, "validationLoss", 0.5, "validationError", 0.25), read.get(0));
    }

    private static TrainingResult trainingResult(List<EpochRecord> history) {
        return new TrainingResult(history.size(), 1, StopReason.MAX_EPOCHS, history, 100, 23.5, 0);
    }
}
