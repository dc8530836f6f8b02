package org.defrost.tasks.chmm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.spi.ParameterException;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.ParameterType;
import org.defrost.spi.Parameters;
import org.defrost.tasks.Choice;
import org.defrost.tasks.TaskPairSizes;

/**
 * Parameters of the correlated hidden manifold model (method.md §2). {@link #SPECS} declares their names,
 * types, defaults (those of method.md) and ranges once; {@link #of} binds resolved parameters, and
 * {@link #builder()} and {@link #fromMap} check Java values against the same declarations. The names are
 * those used in pipelines, in {@link #fromMap} and in {@code task-pair.json}. A value that cannot be accepted
 * throws a {@link ParameterException} naming its parameter.
 *
 * @param inputDim        {@code inputDim}: N, input dimension
 * @param sourceLatentDim {@code sourceLatentDim}: Ds, latent dimension of the source
 * @param targetLatentDim {@code targetLatentDim}: Dt, latent dimension of the target
 * @param sharedLatentDim {@code sharedLatentDim}: Dshared, the latent directions tied between the tasks,
 *                        in [0, min(Ds, Dt)]; derived as min(Ds, Dt) when not given
 * @param etaF            {@code etaF}: feature perturbation in [0, 1] (0 same features, 1 independent)
 * @param etaTheta        {@code etaTheta}: rule perturbation in [0, 1] (0 same rule, 1 unrelated)
 * @param nonlinearity    {@code nonlinearity}: erf, sign, tanh, relu or linear
 * @param labelNoise      {@code labelNoise}: probability of flipping each training label, in [0, 0.5];
 *                        test and probe labels are never flipped
 * @param sourceTrainSize {@code sourceTrainSize}: rows of the source training set; derived as 20 N when not given
 * @param targetPoolSize  {@code targetPoolSize}: rows of the target pool, i.e. the largest target training
 *                        size; derived as 20 N when not given
 * @param sourceTestSize  {@code sourceTestSize}: rows of the source test set
 * @param targetTestSize  {@code targetTestSize}: rows of the target test set
 * @param probeSize       {@code probeSize}: rows of each probe set (target, source, paired)
 */
public record ChmmParameters(int inputDim, int sourceLatentDim, int targetLatentDim, int sharedLatentDim,
                             double etaF, double etaTheta, Nonlinearity nonlinearity, double labelNoise,
                             int sourceTrainSize, int targetPoolSize, int sourceTestSize, int targetTestSize,
                             int probeSize) implements TaskPairSizes {

    /** How the training sizes are derived when a pipeline leaves them out. */
    private static final String TWENTY_N = "20 × inputDim";

    /** The model's parameters as the {@code chmm} stage declares them: the one source of defaults and ranges. */
    public static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.integer("inputDim", 500, "N, the input dimension.").withRange(1, 100_000),
            ParameterSpec.integer("sourceLatentDim", 100, "Ds, latent dimension of the source.").withRange(1, 100_000),
            ParameterSpec.integer("targetLatentDim", 100, "Dt, latent dimension of the target.").withRange(1, 100_000),
            ParameterSpec.derived("sharedLatentDim", ParameterType.INTEGER, "min(sourceLatentDim, targetLatentDim)",
                    "Dshared, latent directions tied between the tasks, at most min(Ds, Dt).").withRange(0, 100_000),
            ParameterSpec.number("etaF", 0.0, "Feature perturbation: 0 same features, 1 independent.").withRange(0, 1),
            ParameterSpec.number("etaTheta", 0.0, "Rule perturbation: 0 same rule, 1 unrelated.").withRange(0, 1),
            ParameterSpec.choice("nonlinearity", Nonlinearity.ERF.id(),
                    Choice.ids(Nonlinearity.class),
                    "The embedding sigma; erf means erf(z/sqrt(2))."),
            ParameterSpec.number("labelNoise", 0.0, "Probability of flipping a training label.").withRange(0, 0.5),
            ParameterSpec.derived("sourceTrainSize", ParameterType.INTEGER, TWENTY_N, "Source training set size.")
                    .withRange(1, 50_000_000),
            ParameterSpec.derived("targetPoolSize", ParameterType.INTEGER, TWENTY_N,
                    "Target pool size, the largest target training set.").withRange(1, 50_000_000),
            ParameterSpec.integer("sourceTestSize", 10_000, "Source test set size.").withRange(1, 50_000_000),
            ParameterSpec.integer("targetTestSize", 10_000, "Target test set size.").withRange(1, 50_000_000),
            ParameterSpec.integer("probeSize", 2_000, "Size of each probe set.").withRange(1, 10_000_000));

    /** Checks the rules between parameters; single values are checked against {@link #SPECS} when bound. */
    public ChmmParameters {
        if (nonlinearity == null) {
            throw new ParameterException("nonlinearity", "nonlinearity must be given");
        }
        int latentMin = Math.min(sourceLatentDim, targetLatentDim);
        if (sharedLatentDim < 0 || sharedLatentDim > latentMin) {
            throw new ParameterException("sharedLatentDim", "sharedLatentDim must be in [0, min(sourceLatentDim, "
                    + "targetLatentDim)] = [0, " + latentMin + "], got " + sharedLatentDim);
        }
    }

    /**
     * Binds resolved parameters (declared by {@link #SPECS}), deriving the parameters left out.
     *
     * @throws ParameterException when the tied latent directions exceed min(Ds, Dt)
     */
    public static ChmmParameters of(Parameters p) {
        int inputDim = p.getInt("inputDim");
        int sourceLatentDim = p.getInt("sourceLatentDim");
        int targetLatentDim = p.getInt("targetLatentDim");
        int twentyN = (int) Math.min(Integer.MAX_VALUE, 20L * inputDim);
        return new ChmmParameters(inputDim, sourceLatentDim, targetLatentDim,
                p.getInt("sharedLatentDim", Math.min(sourceLatentDim, targetLatentDim)), p.getDouble("etaF"),
                p.getDouble("etaTheta"), Nonlinearity.parse(p.getString("nonlinearity")), p.getDouble("labelNoise"),
                p.getInt("sourceTrainSize", twentyN), p.getInt("targetPoolSize", twentyN), p.getInt("sourceTestSize"),
                p.getInt("targetTestSize"), p.getInt("probeSize"));
    }

    /**
     * Parameters from a map of names to values (numbers as any {@link Number}, the nonlinearity as its name),
     * as a pipeline file or {@link #toMap} gives them; absent names keep their defaults or are derived.
     *
     * @throws ParameterException for an unknown name, a value of the wrong type or out of range, or a bad
     *                            combination, naming the parameter
     */
    public static ChmmParameters fromMap(Map<String, ?> values) {
        return of(Parameters.of(SPECS, values));
    }

    /** The defaults of method.md §2: N = 500, D = 100 shared, identical tasks, 20 N training rows. */
    public static ChmmParameters defaults() {
        return fromMap(Map.of());
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** All parameters by name, in declaration order, for provenance; {@code fromMap(toMap())} equals this. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inputDim", inputDim);
        m.put("sourceLatentDim", sourceLatentDim);
        m.put("targetLatentDim", targetLatentDim);
        m.put("sharedLatentDim", sharedLatentDim);
        m.put("etaF", etaF);
        m.put("etaTheta", etaTheta);
        m.put("nonlinearity", nonlinearity.id());
        m.put("labelNoise", labelNoise);
        m.putAll(sizeValues());
        return m;
    }

    /** Collects parameters by name; unset ones take their declared defaults or are derived by {@link #of}. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder() {
        }

        private Builder set(String name, Object value) {
            values.put(name, value);
            return this;
        }

        public Builder inputDim(int n) {
            return set("inputDim", n);
        }

        /** Sets Ds, Dt and Dshared to {@code d}: two tasks on one shared latent space. */
        public Builder latentDim(int d) {
            return sourceLatentDim(d).targetLatentDim(d).sharedLatentDim(d);
        }

        public Builder sourceLatentDim(int d) {
            return set("sourceLatentDim", d);
        }

        public Builder targetLatentDim(int d) {
            return set("targetLatentDim", d);
        }

        public Builder sharedLatentDim(int d) {
            return set("sharedLatentDim", d);
        }

        public Builder etaF(double eta) {
            return set("etaF", eta);
        }

        public Builder etaTheta(double eta) {
            return set("etaTheta", eta);
        }

        public Builder nonlinearity(Nonlinearity sigma) {
            return set("nonlinearity", sigma.id());
        }

        public Builder labelNoise(double p) {
            return set("labelNoise", p);
        }

        public Builder sourceTrainSize(int n) {
            return set("sourceTrainSize", n);
        }

        public Builder targetPoolSize(int n) {
            return set("targetPoolSize", n);
        }

        public Builder sourceTestSize(int n) {
            return set("sourceTestSize", n);
        }

        public Builder targetTestSize(int n) {
            return set("targetTestSize", n);
        }

        /** Sets both test sizes. */
        public Builder testSize(int n) {
            return sourceTestSize(n).targetTestSize(n);
        }

        public Builder probeSize(int n) {
            return set("probeSize", n);
        }

        /** @throws ParameterException naming the first parameter that cannot be accepted */
        public ChmmParameters build() {
            return fromMap(values);
        }
    }
}
