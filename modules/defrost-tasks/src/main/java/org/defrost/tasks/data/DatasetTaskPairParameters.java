package org.defrost.tasks.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.spi.ParameterException;
import org.defrost.spi.ParameterParts;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.tasks.Choice;
import org.defrost.tasks.TaskPairSizes;

/**
 * Parameters of a task pair built from a labelled dataset. {@link #SPECS} declares their names, types,
 * defaults and ranges once (the {@code dataset} stage declares them among its own); {@link #of} binds resolved
 * parameters and {@link #fromMap} checks Java values against the same declarations. The names are those used
 * in pipelines, in {@link #fromMap} and in {@code task-pair.json}. A value that cannot be accepted throws a
 * {@link ParameterException} naming its parameter.
 *
 * <p>The kind of pair follows from the groupings: disjoint class sets give a class split, the same classes
 * grouped differently a relabelling, and {@code inputChange} a feature change; they may be combined.
 *
 * @param sourceGroups    {@code sourceGroups}: the source task's classes and labels
 * @param targetGroups    {@code targetGroups}: the target task's
 * @param inputChange     {@code inputChange}, with {@code noiseStd} and {@code rotationDegrees}
 * @param standardisation {@code standardisation}
 * @param sourceTrainSize {@code sourceTrainSize}: rows of the source training set
 * @param targetPoolSize  {@code targetPoolSize}: rows of the target pool (the largest target training set);
 *                        the default, 15,000, is about 20 N for Fashion-MNIST's N = 784, like method.md's sizes
 * @param sourceTestSize  {@code sourceTestSize}: rows of the source test set; 0 takes every test row in the
 *                        source's classes
 * @param targetTestSize  {@code targetTestSize}: likewise for the target
 * @param probeSize       {@code probeSize}: rows of each probe set
 */
public record DatasetTaskPairParameters(ClassGrouping sourceGroups, ClassGrouping targetGroups, InputChange inputChange,
                                        Standardisation standardisation, int sourceTrainSize, int targetPoolSize,
                                        int sourceTestSize, int targetTestSize, int probeSize) implements TaskPairSizes {

    private static final ParameterSpec NOISE_STD = ParameterSpec.number("noiseStd", 0.5,
            "Gaussian noise standard deviation, in standardised units.").withRange(0, 100);
    private static final ParameterSpec ROTATION_DEGREES = ParameterSpec.number("rotationDegrees", 30,
            "Counter-clockwise rotation of square images, in degrees.").withRange(-360, 360);

    /** The task pair's parameters as the {@code dataset} stage declares them: the one source of defaults and ranges. */
    public static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.strings("sourceGroups", List.of("0", "1", "2", "3", "4"), List.of(),
                    "Source task: one entry per label, each a comma-separated list of dataset classes."),
            ParameterSpec.strings("targetGroups", List.of("5", "6", "7", "8", "9"), List.of(),
                    "Target task: one entry per label, each a comma-separated list of dataset classes."),
            ParameterSpec.choice("inputChange", InputChange.Kind.NONE.id(),
                    Choice.ids(InputChange.Kind.class),
                    "Change applied to the target's inputs."),
            NOISE_STD,
            ROTATION_DEGREES,
            ParameterSpec.choice("standardisation", Standardisation.GLOBAL.id(),
                    Choice.ids(Standardisation.class),
                    "Input standardisation, fitted on the source training set."),
            ParameterSpec.integer("sourceTrainSize", 15_000, "Source training set size.").withRange(1, 100_000_000),
            ParameterSpec.integer("targetPoolSize", 15_000, "Target pool size, the largest target training set.")
                    .withRange(1, 100_000_000),
            ParameterSpec.integer("sourceTestSize", 0, "Source test set size; 0 takes every test row of its classes.")
                    .withRange(0, 100_000_000),
            ParameterSpec.integer("targetTestSize", 0, "Target test set size; 0 takes every test row of its classes.")
                    .withRange(0, 100_000_000),
            ParameterSpec.integer("probeSize", 2_000, "Size of each probe set.").withRange(1, 10_000_000));

    /** Single values are checked against {@link #SPECS} when bound; this checks that every part is given. */
    public DatasetTaskPairParameters {
        if (sourceGroups == null || targetGroups == null || inputChange == null || standardisation == null) {
            throw new IllegalArgumentException("sourceGroups, targetGroups, inputChange and standardisation must be given");
        }
    }

    /**
     * Binds resolved parameters that include those of {@link #SPECS} (others, such as the dataset's format, are
     * ignored).
     *
     * @throws ParameterException for each grouping that is not one and for a noise level of 0 with
     *                            {@code inputChange: noise}, together, in declaration order
     */
    public static DatasetTaskPairParameters of(Parameters p) {
        ParameterParts parts = new ParameterParts(p);
        ClassGrouping source = parts.bind(q -> ClassGrouping.parse("sourceGroups", q.getStringList("sourceGroups")));
        ClassGrouping target = parts.bind(q -> ClassGrouping.parse("targetGroups", q.getStringList("targetGroups")));
        InputChange change = parts.bind(q -> {
            InputChange.Kind kind = InputChange.Kind.parse(q.getString("inputChange"));
            return new InputChange(kind, kind == InputChange.Kind.NOISE ? q.getDouble("noiseStd") : 0,
                    kind == InputChange.Kind.ROTATION ? q.getDouble("rotationDegrees") : 0);
        });
        parts.check();
        return new DatasetTaskPairParameters(source, target, change,
                Standardisation.parse(p.getString("standardisation")), p.getInt("sourceTrainSize"),
                p.getInt("targetPoolSize"), p.getInt("sourceTestSize"), p.getInt("targetTestSize"), p.getInt("probeSize"));
    }

    /**
     * Parameters from names to values as a pipeline or {@link #toMap} gives them (groups as lists of strings such
     * as {@code ["0,2,4", "1,3,5"]}); absent names keep their defaults.
     *
     * @throws ParameterException for an unknown name, a value of the wrong type, or a bad value, naming it
     */
    public static DatasetTaskPairParameters fromMap(Map<String, ?> values) {
        return of(Parameters.of(SPECS, values));
    }

    /** The defaults: classes 0-4 against classes 5-9, no input change, global standardisation. */
    public static DatasetTaskPairParameters defaults() {
        return fromMap(Map.of());
    }

    /** These parameters with other groupings. */
    public DatasetTaskPairParameters withGroups(ClassGrouping source, ClassGrouping target) {
        return with(Map.of("sourceGroups", source.toStrings(), "targetGroups", target.toStrings()));
    }

    /** These parameters with another input change. */
    public DatasetTaskPairParameters withInputChange(InputChange change) {
        return with(changeValues(change));
    }

    /** These parameters with other sizes (test sizes 0 = all eligible test rows). */
    public DatasetTaskPairParameters withSizes(int sourceTrain, int targetPool, int sourceTest, int targetTest,
                                               int probes) {
        return with(Map.of("sourceTrainSize", sourceTrain, "targetPoolSize", targetPool, "sourceTestSize", sourceTest,
                "targetTestSize", targetTest, "probeSize", probes));
    }

    private DatasetTaskPairParameters with(Map<String, ?> changes) {
        Map<String, Object> values = toMap();
        values.putAll(changes);
        return fromMap(values);
    }

    /** The input change's parameters; the level of a kind not in use is shown at its declared default. */
    private static Map<String, Object> changeValues(InputChange change) {
        Map<String, Object> m = new LinkedHashMap<>();
        InputChange.Kind kind = change.kind();
        m.put("inputChange", kind.id());
        m.put("noiseStd", kind == InputChange.Kind.NOISE ? change.noiseStd() : NOISE_STD.defaultValue());
        m.put("rotationDegrees", kind == InputChange.Kind.ROTATION ? change.rotationDegrees() : ROTATION_DEGREES.defaultValue());
        return m;
    }

    /** All parameters by name, for provenance; {@code fromMap(toMap())} equals this. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sourceGroups", sourceGroups.toStrings());
        m.put("targetGroups", targetGroups.toStrings());
        m.putAll(changeValues(inputChange));
        m.put("standardisation", standardisation.id());
        m.putAll(sizeValues());
        return m;
    }
}
