package org.defrost.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.spi.RunRecordData;

/** The parts of a run that did not finish, from its record: what a report of a stopped or failed run leaves out. */
final class MissingParts {
    private MissingParts() {
    }

    /**
     * One line per stage with unfinished invocations: which invocations stopped or failed (with their work units
     * done) and which never ran, and the artifact kinds that are therefore missing. Empty when every planned
     * invocation finished.
     */
    static List<String> of(RunRecordData record) {
        List<String> lines = new ArrayList<>();
        for (RunRecordData.PlannedStage stage : record.stages()) {
            int done = 0;
            List<String> unfinished = new ArrayList<>();
            for (RunRecordData.InvocationEntry inv : record.invocations()) {
                if (!inv.stageId().equals(stage.id())) {
                    continue;
                }
                if ("computed".equals(inv.status()) || "cached".equals(inv.status())) {
                    done++;
                } else {
                    String units = inv.units() == null ? ""
                            : ", " + (inv.units().cached() + inv.units().computed()) + " of " + inv.units().planned()
                              + " work units done";
                    unfinished.add(label(inv) + " " + inv.status() + units);
                }
            }
            int neverRan = stage.invocations() - done - unfinished.size();
            if (done == stage.invocations()) {
                continue;
            }
            StringBuilder line = new StringBuilder(stage.id()).append(" (").append(stage.type()).append("): ")
                    .append(done).append(" of ").append(stage.invocations()).append(" invocations finished");
            if (!unfinished.isEmpty()) {
                line.append("; ").append(String.join(", ", unfinished));
            }
            if (neverRan > 0) {
                line.append("; ").append(neverRan).append(" never ran");
            }
            if (!stage.produces().isEmpty()) {
                line.append(" (missing ").append(String.join(", ", stage.produces())).append(")");
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static String label(RunRecordData.InvocationEntry inv) {
        Map<String, Object> parts = new LinkedHashMap<>(inv.cell());
        StringBuilder sb = new StringBuilder();
        parts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        if (inv.seedIndex() >= 0) {
            sb.append(sb.length() == 0 ? "" : ", ").append("seed ").append(inv.seedIndex());
        }
        return sb.length() == 0 ? "the invocation" : "[" + sb + "]";
    }
}
