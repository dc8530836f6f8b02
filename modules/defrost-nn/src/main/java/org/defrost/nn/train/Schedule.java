package org.defrost.nn.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The learning rate as a function of the epoch: the configured rate times {@link #factor}.
 *
 * @param kind       the shape
 * @param stepEpochs for {@link Kind#STEP}: epochs between decays (at least 1)
 * @param gamma      for {@link Kind#STEP}: the factor applied at each decay, in (0, 1]
 * @param minFactor  for {@link Kind#COSINE}: the factor reached at the last epoch, in [0, 1]
 */
public record Schedule(Kind kind, int stepEpochs, double gamma, double minFactor) {

    /** The shapes. */
    public enum Kind { CONSTANT, STEP, COSINE }

    public Schedule {
        if (kind == null) {
            throw new IllegalArgumentException("schedule kind is required");
        }
        if (kind == Kind.STEP && (stepEpochs < 1 || !(gamma > 0 && gamma <= 1))) {
            throw new IllegalArgumentException("step schedule needs stepEpochs >= 1 and gamma in (0, 1], got "
                    + stepEpochs + ", " + gamma);
        }
        if (kind == Kind.COSINE && !(minFactor >= 0 && minFactor <= 1)) {
            throw new IllegalArgumentException("cosine schedule needs minFactor in [0, 1], got " + minFactor);
        }
    }

    /** The constant rate. */
    public static Schedule constant() {
        return new Schedule(Kind.CONSTANT, 1, 1, 1);
    }

    /** Multiplies the rate by {@code gamma} every {@code stepEpochs} epochs. */
    public static Schedule step(int stepEpochs, double gamma) {
        return new Schedule(Kind.STEP, stepEpochs, gamma, 1);
    }

    /** Cosine decay from the full rate at epoch 1 to {@code minFactor} times it at the last epoch. */
    public static Schedule cosine(double minFactor) {
        return new Schedule(Kind.COSINE, 1, 1, minFactor);
    }

    /**
     * The rate multiplier for {@code epoch} (1-based) of at most {@code maxEpochs}: 1 for constant;
     * {@code gamma^floor((epoch-1)/stepEpochs)} for step;
     * {@code minFactor + (1-minFactor)(1 + cos(pi (epoch-1)/(maxEpochs-1)))/2} for cosine.
     */
    public double factor(int epoch, int maxEpochs) {
        switch (kind) {
            case STEP:
                return StrictMath.pow(gamma, (epoch - 1) / stepEpochs);
            case COSINE:
                double progress = maxEpochs <= 1 ? 0 : (double) (epoch - 1) / (maxEpochs - 1);
                return minFactor + (1 - minFactor) * 0.5 * (1 + StrictMath.cos(Math.PI * progress));
            default:
                return 1;
        }
    }

    /** The parameters that matter for this kind, for provenance. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name().toLowerCase(Locale.ROOT));
        if (kind == Kind.STEP) {
            m.put("stepEpochs", stepEpochs);
            m.put("gamma", gamma);
        } else if (kind == Kind.COSINE) {
            m.put("minFactor", minFactor);
        }
        return m;
    }
}
