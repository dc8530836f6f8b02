package org.defrost.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.report.table.Table;
import org.junit.jupiter.api.Test;

class RepresentativeCellsTest {
    private static TransferCell cell(Map<String, Object> values) {
        return new TransferCell(new MatrixCell(values), 3, 1, List.of(), List.of(), Table.empty());
    }

    private static Map<String, Object> knobs(double etaF, double etaTheta, int shared) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("etaF", etaF);
        m.put("etaTheta", etaTheta);
        m.put("Dshared", shared);
        return m;
    }

    @Test
    void aOneKnobAtATimeSweepIsDrawnAtTheBaselineAndTheFarEndOfEachKnob() {
        List<TransferCell> cells = new ArrayList<>();
        cells.add(cell(knobs(0, 0, 10)));
        for (double e : new double[]{0.25, 0.5, 0.75, 1}) {
            cells.add(cell(knobs(e, 0, 10)));
            cells.add(cell(knobs(0, e, 10)));
        }
        for (int d : new int[]{8, 5, 3, 0}) {
            cells.add(cell(knobs(0, 0, d)));
        }
        List<MatrixCell> drawn = RepresentativeCells.of(cells);
        assertEquals(List.of(new MatrixCell(knobs(0, 0, 10)), new MatrixCell(knobs(1, 0, 10)),
                new MatrixCell(knobs(0, 1, 10)), new MatrixCell(knobs(0, 0, 0))), drawn);
    }

    @Test
    void withoutKnobsEvenlySpacedCellsAreDrawnFirstAndLastIncluded() {
        List<TransferCell> cells = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cells.add(cell(Map.of("task", "t" + i)));
        }
        List<MatrixCell> drawn = RepresentativeCells.of(cells);
        assertEquals(List.of("t0", "t3", "t6", "t9"), drawn.stream().map(c -> c.values().get("task")).toList());
    }

    @Test
    void aSmallMatrixIsDrawnWhole() {
        List<TransferCell> cells = List.of(cell(Map.of("etaF", 0.0)), cell(Map.of("etaF", 0.5)), cell(Map.of("etaF", 1.0)));
        assertEquals(cells.stream().map(TransferCell::cell).toList(), RepresentativeCells.of(cells));
    }
}
