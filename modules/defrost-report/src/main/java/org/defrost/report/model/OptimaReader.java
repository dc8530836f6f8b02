package org.defrost.report.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.report.model.Optimum.Gain;
import org.defrost.report.model.Optimum.Selection;
import org.defrost.report.model.Optimum.PairedTest;
import org.defrost.report.table.Table;

/** Reads the rows of {@code optimal-depths.csv} of one task pair into {@link Optimum}s, one per target size. */
final class OptimaReader {
    private OptimaReader() {
    }

    /**
     * The chosen protocol per target size, in file order.
     *
     * @param seeds the task pair's number of seeds, used when a row does not say
     */
    static List<Optimum> read(Table optima, int seeds) {
        if (optima.columns().contains("trainSize")) {
            return optima.rows().stream().map(r -> chosenOnValidation(r, seeds)).toList();
        }
        Map<Integer, Map<String, String>> best = new LinkedHashMap<>();
        for (Map<String, String> r : optima.rows()) {
            int n = Table.integer(r, "targetSize");
            Map<String, String> b = best.get(n);
            double mean = Table.number(r, "meanTestError");
            if (b == null || mean < Table.number(b, "meanTestError")
                    || mean == Table.number(b, "meanTestError") && TransferResults.RANDOM.equals(r.get("init"))) {
                best.put(n, r);
            }
        }
        List<Optimum> out = new ArrayList<>();
        best.values().forEach(r -> out.add(chosenOnTest(r, seeds)));
        return out;
    }

    private static Optimum chosenOnValidation(Map<String, String> r, int seeds) {
        return new Optimum(Table.integer(r, "targetSize"), Table.integer(r, "trainSize"),
                integer(r, "validationSize", -1), Boolean.parseBoolean(r.get("validationFromBudget")),
                Table.integer(r, "layers"), integer(r, "seeds", seeds), r.get("init"), Table.integer(r, "depthStar"),
                Table.number(r, "meanValidationError"), Table.number(r, "meanTestError"),
                Table.number(r, "stderrTestError"), Table.number(r, "scratchTestError"),
                Table.number(r, "standardTestError"), gain(r, "gainOverScratch"), gain(r, "gainOverStandard"),
                test(r, "VsScratch"), test(r, "VsStandard"), test(r, "VsNeighbours"), Table.number(r, "probabilityBest"),
                integer(r, "oracleDepthStar", -1), r.getOrDefault("oracleInit", ""), Table.number(r, "oracleTestError"),
                Selection.VALIDATION);
    }

    /** A row of the earlier contract: ℓ* of one initialisation, chosen on mean test error. */
    private static Optimum chosenOnTest(Map<String, String> r, int seeds) {
        int n = Table.integer(r, "targetSize");
        double mean = Table.number(r, "meanTestError");
        return new Optimum(n, n, -1, false, Table.integer(r, "layers"), seeds, r.get("init"),
                Table.integer(r, "depthStar"), Double.NaN, mean, Table.number(r, "stderrTestError"),
                Table.number(r, "scratchTestError"), Table.number(r, "standardTestError"),
                new Gain(Table.number(r, "gainOverScratch"), Double.NaN, Double.NaN),
                new Gain(Table.number(r, "gainOverStandard"), Double.NaN, Double.NaN), PairedTest.NONE, test(r, "VsStandard"),
                PairedTest.NONE, Double.NaN, Table.integer(r, "depthStar"), r.get("init"), mean, Selection.TEST);
    }

    private static Gain gain(Map<String, String> r, String column) {
        return new Gain(Table.number(r, column), Table.number(r, column + "Low"), Table.number(r, column + "High"));
    }

    private static PairedTest test(Map<String, String> r, String suffix) {
        return new PairedTest(Table.number(r, "pValue" + suffix), Boolean.parseBoolean(r.get("significant" + suffix)));
    }

    private static int integer(Map<String, String> r, String column, int absent) {
        return Double.isNaN(Table.number(r, column)) ? absent : Table.integer(r, column);
    }
}
