package org.defrost.study.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.engine.run.UnitDescription;
import org.defrost.spi.WorkUnit;
import org.defrost.tasks.TargetSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypedUnitsTest {
    record Example(int targetSize, TargetSplit split, TrainingSettings training, List<String> probes, double factor) {
    }

    record WithNull(String name) {
    }

    private static final Example UNIT = new Example(40, new TargetSplit(0.25, 50, true),
            new TrainingSettings("sgd", 0.01, 0.9, true, 1e-4, 32, 200, 20, "cosine"), List.of("target", "paired"), 0.1);

    @Test
    void aRecordUnitSurvivesTheJsonTripToARemoteWorker() {
        WorkUnit unit = new PlannedUnit<>("seed0/n40", "tag stays home", UNIT, List.of("k1", "k2"), "transfer-cell", 7L)
                .toWorkUnit();
        assertEquals(List.of("k1", "k2"), unit.inputs());
        UnitDescription description = new UnitDescription("run", "p", "finetune", "fine-tune", "2", Map.of(), unit,
                List.of(new UnitDescription.Input("k1", Map.of(), 0), new UnitDescription.Input("k2", Map.of(), 0)),
                "key", 1);
        WorkUnit received = UnitDescription.fromJson(description.toJson()).unit();
        assertEquals(UNIT, TypedUnits.fromParameters(received.parameters(), Example.class));
        assertEquals(unit.parameters().keySet(), received.parameters().keySet());
        assertTrue(!unit.parameters().toString().contains("tag stays home"), "the tag is not part of the unit");
    }

    @Test
    void unitParametersAreTheRecordComponentsSoEveryOneIsInTheKey() {
        Map<String, Object> p = TypedUnits.toParameters(UNIT);
        assertEquals(List.of("targetSize", "split", "training", "probes", "factor"), List.copyOf(p.keySet()));
        assertEquals(Map.of("fraction", 0.25, "minimum", 50, "fromBudget", true), p.get("split"));
    }

    @Test
    void aNullComponentIsRefusedWhenPlanned() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TypedUnits.toParameters(new WithNull(null)));
        assertTrue(e.getMessage().contains("WithNull has a null component"), e.getMessage());
    }

    @Test
    void parametersOfAnotherShapeAreReportedWithTheRecordName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TypedUnits.fromParameters(Map.of("targetSize", "many"), Example.class));
        assertTrue(e.getMessage().contains("are not a Example"), e.getMessage());
    }

    @Test
    void csvRoundTripsQuotedCellsAndNaN(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.csv");
        Csv.write(file, List.of(Map.of("a", "x,y"), Map.of("a", "say \"hi\"")));
        assertEquals(List.of(Map.of("a", "x,y"), Map.of("a", "say \"hi\"")), Csv.read(file));
        Csv.write(file, List.of(new java.util.LinkedHashMap<>(Map.of("v", Double.NaN))));
        assertEquals("v\nNaN\n", java.nio.file.Files.readString(file));
    }
}
