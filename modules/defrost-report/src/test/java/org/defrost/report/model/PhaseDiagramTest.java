package org.defrost.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.report.table.Table;
import org.junit.jupiter.api.Test;

class PhaseDiagramTest {
    private static TransferCell cell(Object... keyValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new TransferCell(new MatrixCell(values), 2, 2, List.of(), List.of(), Table.empty());
    }

    @Test
    void aOneKnobAtATimeSweepGivesOneDiagramPerKnobAroundTheSharedBaseline() {
        List<TransferCell> cells = new ArrayList<>();
        for (double eta : new double[]{0.0, 0.5, 1.0}) {
            cells.add(cell("etaF", eta, "etaTheta", 0.0, "Dshared", 10L));
        }
        for (double eta : new double[]{0.5, 1.0}) {
            cells.add(cell("etaF", 0.0, "etaTheta", eta, "Dshared", 10L));
        }
        for (long d : new long[]{0, 5}) {
            cells.add(cell("etaF", 0.0, "etaTheta", 0.0, "Dshared", d));
        }
        List<PhaseDiagram> diagrams = PhaseDiagram.of(cells);
        assertEquals(List.of("etaF", "etaTheta", "Dshared"), diagrams.stream().map(PhaseDiagram::knob).toList());
        PhaseDiagram dshared = diagrams.get(2);
        assertEquals(Map.of("etaF", 0.0, "etaTheta", 0.0), dshared.fixed());
        assertEquals(List.of(0.0, 5.0, 10.0), dshared.rows().stream().map(dshared::level).toList(), "rows by level");
        assertEquals(3, diagrams.get(1).rows().size(), "the baseline belongs to every knob's sweep");
    }

    @Test
    void onlyNumericKeysWithSeveralValuesAreKnobs() {
        List<TransferCell> cells = List.of(cell("etaF", 0.0, "name", "a", "seedsAt", 1L),
                cell("etaF", 0.5, "name", "b", "seedsAt", 1L));
        assertEquals(List.of("etaF"), PhaseDiagram.knobs(cells));
        assertTrue(PhaseDiagram.knobs(List.of(cell(), cell())).isEmpty());
    }

    @Test
    void aFullProductGivesOneDiagramPerCombinationOfTheOtherKeys() {
        List<TransferCell> cells = new ArrayList<>();
        for (double f : new double[]{0.0, 1.0}) {
            for (double t : new double[]{0.0, 0.5, 1.0}) {
                cells.add(cell("etaF", f, "etaTheta", t));
            }
        }
        List<PhaseDiagram> diagrams = PhaseDiagram.of(cells);
        assertEquals(3 + 2, diagrams.size(), "etaF at 3 levels of etaTheta, etaTheta at 2 levels of etaF");
        assertEquals("etaTheta = 0.5", diagrams.get(1).fixedLabel());
    }
}
