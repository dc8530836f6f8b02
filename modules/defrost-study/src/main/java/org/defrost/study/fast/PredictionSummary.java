package org.defrost.study.fast;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The terminal's text for {@code depth-prediction}: one line per source and size, then the overall figures. */
final class PredictionSummary {
    private PredictionSummary() {
    }

    /** @param rows the rows of {@code predictions.csv} */
    static String of(List<Map<String, Object>> rows, HalvingSchedule schedule) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Fast depth prediction (successive halving from %d epochs, x%d per rung, down to %d; chosen on "
                        + "validation error; cost in training sample-epochs against the full sweep's):",
                schedule.initialEpochs(), schedule.growth(), schedule.finalists()));
        int agree = 0;
        int compared = 0;
        long cost = 0;
        long full = 0;
        for (Map<String, Object> r : rows) {
            sb.append(String.format(Locale.ROOT, "%n  %s seed %s n=%s  l*=%s %s (validation error %.4f)  probe: layer %s,"
                            + " similarity: layer %s  cost %,d = %.3f of the full sweep (%s)",
                    r.get("source"), r.get("seed"), r.get("targetSize"), r.get("predictedDepth"), r.get("predictedInit"),
                    (Double) r.get("predictedValidationError"), r.get("probeDepth"), r.get("similarityDepth"),
                    (Long) r.get("costSampleEpochs"), (Double) r.get("costRatio"), r.get("fullSweepCost")));
            cost += (Long) r.get("costSampleEpochs");
            full += (Long) r.get("fullSweepCostSampleEpochs");
            if (r.get("agreeWithin1") instanceof Boolean b) {
                compared++;
                agree += b ? 1 : 0;
                sb.append(String.format(Locale.ROOT, "; full sweep l*=%s %s: %s", r.get("fullSweepDepth"),
                        r.get("fullSweepInit"), b ? "agrees within 1" : "DISAGREES"));
            }
        }
        sb.append(String.format(Locale.ROOT, "%n  in all: %,d sample-epochs = %.3f of the full sweep's %,d", cost,
                full == 0 ? Double.NaN : (double) cost / full, full));
        if (compared > 0) {
            sb.append(String.format(Locale.ROOT, "; agreement within one layer %d of %d", agree, compared));
        }
        return sb.toString();
    }
}
