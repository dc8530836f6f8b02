package org.defrost.report.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ℓ* over (target size, level of one knob): the paper's phase diagram. A <em>knob</em> is a matrix key whose
 * values are all numbers and that takes at least two values (e.g. {@code etaF}, {@code etaTheta},
 * {@code Dshared}). The task pairs that differ only in that key form one diagram, its rows ordered by level;
 * a matrix that sweeps one knob at a time gives one diagram per knob, a full product of knobs one per
 * combination of the other keys.
 *
 * @param knob  the matrix key varied along the rows
 * @param fixed the values of the other matrix keys, shared by every row; empty when there are none
 * @param rows  the task pairs, by increasing level of the knob
 */
public record PhaseDiagram(String knob, Map<String, Object> fixed, List<TransferCell> rows) {

    public PhaseDiagram {
        fixed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        rows = List.copyOf(rows);
    }

    /** The level of the knob in a row. */
    public double level(TransferCell row) {
        return ((Number) row.cell().values().get(knob)).doubleValue();
    }

    /** The fixed keys as text, e.g. {@code etaTheta = 0, Dshared = 10}; empty when there are none. */
    public String fixedLabel() {
        return new MatrixCell(fixed).label();
    }

    /** The target sizes of the rows, ascending. */
    public List<Integer> targetSizes() {
        Set<Integer> sizes = new java.util.TreeSet<>();
        rows.forEach(r -> sizes.addAll(r.targetSizes()));
        return List.copyOf(sizes);
    }

    /** The knobs of a run: matrix keys with only numeric values and at least two distinct ones, in matrix order. */
    public static List<String> knobs(List<TransferCell> cells) {
        Set<String> keys = new LinkedHashSet<>();
        cells.forEach(c -> keys.addAll(c.cell().values().keySet()));
        List<String> knobs = new ArrayList<>();
        for (String key : keys) {
            Set<Double> levels = new java.util.HashSet<>();
            boolean numeric = true;
            for (TransferCell c : cells) {
                Object v = c.cell().values().get(key);
                if (v instanceof Number n) {
                    levels.add(n.doubleValue());
                } else {
                    numeric = false;
                }
            }
            if (numeric && levels.size() >= 2) {
                knobs.add(key);
            }
        }
        return knobs;
    }

    /**
     * Every phase diagram of a run's cells: per knob, per combination of the other keys that has at least two
     * levels of the knob.
     */
    public static List<PhaseDiagram> of(List<TransferCell> cells) {
        List<PhaseDiagram> out = new ArrayList<>();
        for (String knob : knobs(cells)) {
            Map<Map<String, Object>, List<TransferCell>> groups = new LinkedHashMap<>();
            for (TransferCell c : cells) {
                Map<String, Object> others = new LinkedHashMap<>(c.cell().values());
                others.remove(knob);
                groups.computeIfAbsent(others, k -> new ArrayList<>()).add(c);
            }
            groups.forEach((fixed, group) -> {
                if (group.stream().map(c -> ((Number) c.cell().values().get(knob)).doubleValue()).distinct().count() >= 2) {
                    List<TransferCell> rows = new ArrayList<>(group);
                    rows.sort(Comparator.comparingDouble(c -> ((Number) c.cell().values().get(knob)).doubleValue()));
                    out.add(new PhaseDiagram(knob, fixed, rows));
                }
            });
        }
        return out;
    }
}
