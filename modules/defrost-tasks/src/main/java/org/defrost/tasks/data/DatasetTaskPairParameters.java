package org.defrost.tasks.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of a task pair built from a labelled dataset. The names below are the parameter names used
 * in pipelines, in {@link #fromMap} and in {@code task-pair.json}.
 * An invalid value throws an {@link IllegalArgumentException} whose message starts with the parameter's name.
 *
 * <p>The kind of pair follows from the groupings: disjoint class sets give a class split, the same classes
 * grouped differently a relabelling, and {@code inputChange} a feature change; they may be combined.
 *
 * @param sourceGroups    {@code sourceGroups}: the source task's classes and labels; default
 *                        {@code ["0", "1", "2", "3", "4"]}
 * @param targetGroups    {@code targetGroups}: the target task's; default {@code ["5", "6", "7", "8", "9"]}
 * @param inputChange     {@code inputChange} (none, noise, permutation, rotation; default none), with
 *                        {@code noiseStd} (default 0.5) and {@code rotationDegrees} (default 30)
 * @param standardisation {@code standardisation}: global (default), per-feature or none
 * @param sourceTrainSize {@code sourceTrainSize}: rows of the source training set; default 15,000
 * @param targetPoolSize  {@code targetPoolSize}: rows of the target pool (the largest target training set);
 *                        default 15,000. About 20 N for Fashion-MNIST's N = 784, like method.md's sizes
 * @param sourceTestSize  {@code sourceTestSize}: rows of the source test set; 0 (default) takes every test
 *                        row in the source's classes
 * @param targetTestSize  {@code targetTestSize}: likewise for the target
 * @param probeSize       {@code probeSize}: rows of each probe set; default 2,000
 */
public record DatasetTaskPairParameters(ClassGrouping sourceGroups, ClassGrouping targetGroups, InputChange inputChange,
                                        Standardisation standardisation, int sourceTrainSize, int targetPoolSize,
                                        int sourceTestSize, int targetTestSize, int probeSize) {

    private static final double DEFAULT_NOISE_STD = 0.5;
    private static final double DEFAULT_ROTATION_DEGREES = 30;

    public DatasetTaskPairParameters {
        if (sourceGroups == null || targetGroups == null || inputChange == null || standardisation == null) {
            throw new IllegalArgumentException("sourceGroups, targetGroups, inputChange and standardisation must be given");
        }
        atLeast("sourceTrainSize", sourceTrainSize, 1);
        atLeast("targetPoolSize", targetPoolSize, 1);
        atLeast("sourceTestSize", sourceTestSize, 0);
        atLeast("targetTestSize", targetTestSize, 0);
        atLeast("probeSize", probeSize, 1);
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
    }

    /** The defaults: classes 0-4 against classes 5-9, no input change, global standardisation. */
    public static DatasetTaskPairParameters defaults() {
        return new DatasetTaskPairParameters(ClassGrouping.ofClasses(0, 1, 2, 3, 4), ClassGrouping.ofClasses(5, 6, 7, 8, 9),
                InputChange.none(), Standardisation.GLOBAL, 15_000, 15_000, 0, 0, 2_000);
    }

    /** These parameters with other groupings. */
    public DatasetTaskPairParameters withGroups(ClassGrouping source, ClassGrouping target) {
        return new DatasetTaskPairParameters(source, target, inputChange, standardisation, sourceTrainSize,
                targetPoolSize, sourceTestSize, targetTestSize, probeSize);
    }

    /** These parameters with another input change. */
    public DatasetTaskPairParameters withInputChange(InputChange change) {
        return new DatasetTaskPairParameters(sourceGroups, targetGroups, change, standardisation, sourceTrainSize,
                targetPoolSize, sourceTestSize, targetTestSize, probeSize);
    }

    /** These parameters with another standardisation. */
    public DatasetTaskPairParameters withStandardisation(Standardisation mode) {
        return new DatasetTaskPairParameters(sourceGroups, targetGroups, inputChange, mode, sourceTrainSize,
                targetPoolSize, sourceTestSize, targetTestSize, probeSize);
    }

    /** These parameters with other sizes (test sizes 0 = all eligible test rows). */
    public DatasetTaskPairParameters withSizes(int sourceTrain, int targetPool, int sourceTest, int targetTest,
                                               int probes) {
        return new DatasetTaskPairParameters(sourceGroups, targetGroups, inputChange, standardisation, sourceTrain,
                targetPool, sourceTest, targetTest, probes);
    }

    /**
     * Parameters from names to values as a pipeline gives them; absent names keep their defaults. Groups are
     * a list of strings ({@code ["0,2,4", "1,3,5"]}) or one string with groups separated by {@code |}.
     *
     * @throws IllegalArgumentException for an unknown name, a value of the wrong type, or a bad value
     */
    public static DatasetTaskPairParameters fromMap(Map<String, ?> values) {
        DatasetTaskPairParameters d = defaults();
        ClassGrouping source = d.sourceGroups;
        ClassGrouping target = d.targetGroups;
        InputChange.Kind kind = InputChange.Kind.NONE;
        double noiseStd = DEFAULT_NOISE_STD;
        double rotation = DEFAULT_ROTATION_DEGREES;
        Standardisation standardisation = d.standardisation;
        int[] sizes = {d.sourceTrainSize, d.targetPoolSize, d.sourceTestSize, d.targetTestSize, d.probeSize};
        List<String> sizeNames = List.of("sourceTrainSize", "targetPoolSize", "sourceTestSize", "targetTestSize",
                "probeSize");
        for (Map.Entry<String, ?> e : values.entrySet()) {
            String name = e.getKey();
            Object v = e.getValue();
            switch (name) {
                case "sourceGroups" -> source = ClassGrouping.parse(name, groups(name, v));
                case "targetGroups" -> target = ClassGrouping.parse(name, groups(name, v));
                case "inputChange" -> kind = InputChange.Kind.parse(String.valueOf(v));
                case "noiseStd" -> noiseStd = number(name, v);
                case "rotationDegrees" -> rotation = number(name, v);
                case "standardisation" -> standardisation = Standardisation.parse(String.valueOf(v));
                default -> {
                    int at = sizeNames.indexOf(name);
                    if (at < 0) {
                        throw new IllegalArgumentException("unknown dataset task-pair parameter '" + name + "'; known: "
                                + d.toMap().keySet());
                    }
                    sizes[at] = integer(name, v);
                }
            }
        }
        InputChange change = new InputChange(kind, kind == InputChange.Kind.NOISE ? noiseStd : 0,
                kind == InputChange.Kind.ROTATION ? rotation : 0);
        return new DatasetTaskPairParameters(source, target, change, standardisation, sizes[0], sizes[1], sizes[2],
                sizes[3], sizes[4]);
    }

    private static List<String> groups(String name, Object v) {
        if (v instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (v instanceof String s) {
            return Arrays.asList(s.split("\\|"));
        }
        throw new IllegalArgumentException(name + " must be a list of groups such as [\"0,2\", \"1,3\"], got " + v);
    }

    private static int integer(String name, Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new IllegalArgumentException(name + " must be a whole number, got " + v);
    }

    private static double number(String name, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(name + " must be a number, got " + v);
    }

    /** All parameters by name, for provenance; {@code fromMap(toMap())} equals this. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sourceGroups", sourceGroups.toStrings());
        m.put("targetGroups", targetGroups.toStrings());
        m.put("inputChange", inputChange.kind().id());
        m.put("noiseStd", inputChange.kind() == InputChange.Kind.NOISE ? inputChange.noiseStd() : DEFAULT_NOISE_STD);
        m.put("rotationDegrees", inputChange.kind() == InputChange.Kind.ROTATION ? inputChange.rotationDegrees()
                : DEFAULT_ROTATION_DEGREES);
        m.put("standardisation", standardisation.id());
        m.put("sourceTrainSize", sourceTrainSize);
        m.put("targetPoolSize", targetPoolSize);
        m.put("sourceTestSize", sourceTestSize);
        m.put("targetTestSize", targetTestSize);
        m.put("probeSize", probeSize);
        return m;
    }
}
