package org.defrost.tasks.chmm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of the correlated hidden manifold model (method.md §2). Build them with {@link #builder()}
 * or {@link #fromMap}; the defaults are those of method.md. The names below are the parameter names
 * used in pipelines, in {@link #fromMap} and in {@code task-pair.json}.
 * An invalid value throws an {@link IllegalArgumentException} whose message starts with the parameter's name.
 *
 * @param inputDim        {@code inputDim}: N, input dimension; default 500
 * @param sourceLatentDim {@code sourceLatentDim}: Ds, latent dimension of the source; default 100
 * @param targetLatentDim {@code targetLatentDim}: Dt, latent dimension of the target; default 100
 * @param sharedLatentDim {@code sharedLatentDim}: Dshared, the latent directions tied between the tasks,
 *                        in [0, min(Ds, Dt)]; default min(Ds, Dt)
 * @param etaF            {@code etaF}: feature perturbation in [0, 1] (0 same features, 1 independent); default 0
 * @param etaTheta        {@code etaTheta}: rule perturbation in [0, 1] (0 same rule, 1 unrelated); default 0
 * @param nonlinearity    {@code nonlinearity}: erf (default), sign, tanh, relu or linear
 * @param labelNoise      {@code labelNoise}: probability of flipping each training label, in [0, 0.5];
 *                        test and probe labels are never flipped; default 0
 * @param sourceTrainSize {@code sourceTrainSize}: rows of the source training set; default 20 N
 * @param targetPoolSize  {@code targetPoolSize}: rows of the target pool, i.e. the largest target training
 *                        size; default 20 N
 * @param sourceTestSize  {@code sourceTestSize}: rows of the source test set; default 10,000
 * @param targetTestSize  {@code targetTestSize}: rows of the target test set; default 10,000
 * @param probeSize       {@code probeSize}: rows of each probe set (target, source, paired); default 2,000
 */
public record ChmmParameters(int inputDim, int sourceLatentDim, int targetLatentDim, int sharedLatentDim,
                             double etaF, double etaTheta, Nonlinearity nonlinearity, double labelNoise,
                             int sourceTrainSize, int targetPoolSize, int sourceTestSize, int targetTestSize,
                             int probeSize) {

    public ChmmParameters {
        atLeast("inputDim", inputDim, 1);
        atLeast("sourceLatentDim", sourceLatentDim, 1);
        atLeast("targetLatentDim", targetLatentDim, 1);
        if (sharedLatentDim < 0 || sharedLatentDim > Math.min(sourceLatentDim, targetLatentDim)) {
            throw new IllegalArgumentException("sharedLatentDim must be in [0, min(sourceLatentDim, targetLatentDim)] = [0, "
                    + Math.min(sourceLatentDim, targetLatentDim) + "], got " + sharedLatentDim);
        }
        inRange("etaF", etaF, 1, "1");
        inRange("etaTheta", etaTheta, 1, "1");
        if (nonlinearity == null) {
            throw new IllegalArgumentException("nonlinearity must be given");
        }
        inRange("labelNoise", labelNoise, 0.5, "0.5");
        atLeast("sourceTrainSize", sourceTrainSize, 1);
        atLeast("targetPoolSize", targetPoolSize, 1);
        atLeast("sourceTestSize", sourceTestSize, 1);
        atLeast("targetTestSize", targetTestSize, 1);
        atLeast("probeSize", probeSize, 1);
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
    }

    private static void inRange(String name, double value, double max, String maxText) {
        if (!(value >= 0 && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [0, " + maxText + "], got " + value);
        }
    }

    /** The defaults of method.md §2: N = 500, D = 100 shared, identical tasks, 20 N training rows. */
    public static ChmmParameters defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The union latent dimension Ds + Dt - Dshared in which paired probes draw their latent vector. */
    public int unionLatentDim() {
        return sourceLatentDim + targetLatentDim - sharedLatentDim;
    }

    /**
     * Parameters from a map of names to values (numbers as any {@link Number}, the nonlinearity as a
     * string), as a pipeline file gives them; absent names keep their defaults.
     *
     * @throws IllegalArgumentException for an unknown name, a value of the wrong type, or a bad value
     */
    public static ChmmParameters fromMap(Map<String, ?> values) {
        Builder b = builder();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            String name = e.getKey();
            Object v = e.getValue();
            switch (name) {
                case "inputDim" -> b.inputDim(integer(name, v));
                case "sourceLatentDim" -> b.sourceLatentDim(integer(name, v));
                case "targetLatentDim" -> b.targetLatentDim(integer(name, v));
                case "sharedLatentDim" -> b.sharedLatentDim(integer(name, v));
                case "etaF" -> b.etaF(number(name, v));
                case "etaTheta" -> b.etaTheta(number(name, v));
                case "nonlinearity" -> b.nonlinearity(Nonlinearity.parse(String.valueOf(v)));
                case "labelNoise" -> b.labelNoise(number(name, v));
                case "sourceTrainSize" -> b.sourceTrainSize(integer(name, v));
                case "targetPoolSize" -> b.targetPoolSize(integer(name, v));
                case "sourceTestSize" -> b.sourceTestSize(integer(name, v));
                case "targetTestSize" -> b.targetTestSize(integer(name, v));
                case "probeSize" -> b.probeSize(integer(name, v));
                default -> throw new IllegalArgumentException("unknown chmm parameter '" + name + "'; known: "
                        + defaults().toMap().keySet());
            }
        }
        return b.build();
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
        m.put("sourceTrainSize", sourceTrainSize);
        m.put("targetPoolSize", targetPoolSize);
        m.put("sourceTestSize", sourceTestSize);
        m.put("targetTestSize", targetTestSize);
        m.put("probeSize", probeSize);
        return m;
    }

    /**
     * Collects parameters; unset ones take the defaults, where sharedLatentDim defaults to
     * min(Ds, Dt) and the two training sizes to 20 N for the final N.
     */
    public static final class Builder {
        private int inputDim = 500;
        private int sourceLatentDim = 100;
        private int targetLatentDim = 100;
        private Integer sharedLatentDim;
        private double etaF;
        private double etaTheta;
        private Nonlinearity nonlinearity = Nonlinearity.ERF;
        private double labelNoise;
        private Integer sourceTrainSize;
        private Integer targetPoolSize;
        private int sourceTestSize = 10_000;
        private int targetTestSize = 10_000;
        private int probeSize = 2_000;

        private Builder() {
        }

        public Builder inputDim(int n) {
            inputDim = n;
            return this;
        }

        /** Sets Ds, Dt and Dshared to {@code d}: two tasks on one shared latent space. */
        public Builder latentDim(int d) {
            sourceLatentDim = d;
            targetLatentDim = d;
            sharedLatentDim = d;
            return this;
        }

        public Builder sourceLatentDim(int d) {
            sourceLatentDim = d;
            return this;
        }

        public Builder targetLatentDim(int d) {
            targetLatentDim = d;
            return this;
        }

        public Builder sharedLatentDim(int d) {
            sharedLatentDim = d;
            return this;
        }

        public Builder etaF(double eta) {
            etaF = eta;
            return this;
        }

        public Builder etaTheta(double eta) {
            etaTheta = eta;
            return this;
        }

        public Builder nonlinearity(Nonlinearity sigma) {
            nonlinearity = sigma;
            return this;
        }

        public Builder labelNoise(double p) {
            labelNoise = p;
            return this;
        }

        public Builder sourceTrainSize(int n) {
            sourceTrainSize = n;
            return this;
        }

        public Builder targetPoolSize(int n) {
            targetPoolSize = n;
            return this;
        }

        public Builder sourceTestSize(int n) {
            sourceTestSize = n;
            return this;
        }

        public Builder targetTestSize(int n) {
            targetTestSize = n;
            return this;
        }

        /** Sets both test sizes. */
        public Builder testSize(int n) {
            sourceTestSize = n;
            targetTestSize = n;
            return this;
        }

        public Builder probeSize(int n) {
            probeSize = n;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid parameter */
        public ChmmParameters build() {
            int shared = sharedLatentDim != null ? sharedLatentDim : Math.min(sourceLatentDim, targetLatentDim);
            int twentyN = (int) Math.min(Integer.MAX_VALUE, 20L * inputDim);
            return new ChmmParameters(inputDim, sourceLatentDim, targetLatentDim, shared, etaF, etaTheta,
                    nonlinearity, labelNoise, sourceTrainSize != null ? sourceTrainSize : twentyN,
                    targetPoolSize != null ? targetPoolSize : twentyN, sourceTestSize, targetTestSize, probeSize);
        }
    }
}
