package org.defrost.nn.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The update rule and its constants (PyTorch's formulations; see
 * {@link org.defrost.nn.backend.Backend#adamStep} and {@link org.defrost.nn.backend.Backend#sgdStep}).
 * The learning rate and weight decay live in {@link TrainingConfig}.
 *
 * @param kind     the rule
 * @param momentum SGD momentum μ in [0, 1); 0 for plain SGD (ignored by Adam)
 * @param nesterov SGD Nesterov momentum (needs μ > 0)
 * @param beta1    Adam's first-moment decay in [0, 1)
 * @param beta2    Adam's second-moment decay in [0, 1)
 * @param epsilon  Adam's denominator offset, positive
 */
public record Optimizer(Kind kind, double momentum, boolean nesterov, double beta1, double beta2, double epsilon) {

    /**
     * The rules. With a weight decay λ, {@link #SGD} and {@link #ADAM} add the L2 term λ·W to the gradient,
     * and {@link #ADAMW} shrinks the weights by {@code lr·λ} separately from the adaptive step.
     */
    public enum Kind { SGD, ADAM, ADAMW }

    public Optimizer {
        if (kind == null) {
            throw new IllegalArgumentException("optimizer kind is required");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (nesterov && (kind != Kind.SGD || momentum == 0)) {
            throw new IllegalArgumentException("nesterov needs SGD with a positive momentum");
        }
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("Adam epsilon must be positive, got " + epsilon);
        }
    }

    /** Adam with β1 = 0.9, β2 = 0.999, ε = 1e-8 (the method's default optimiser). */
    public static Optimizer adam() {
        return new Optimizer(Kind.ADAM, 0, false, 0.9, 0.999, 1e-8);
    }

    /** AdamW with β1 = 0.9, β2 = 0.999, ε = 1e-8. */
    public static Optimizer adamW() {
        return new Optimizer(Kind.ADAMW, 0, false, 0.9, 0.999, 1e-8);
    }

    /** SGD with momentum μ (0 for plain SGD), optionally Nesterov. */
    public static Optimizer sgd(double momentum, boolean nesterov) {
        return new Optimizer(Kind.SGD, momentum, nesterov, 0.9, 0.999, 1e-8);
    }

    /** The constants that matter for this kind, for provenance. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name().toLowerCase(Locale.ROOT));
        if (kind == Kind.SGD) {
            m.put("momentum", momentum);
            m.put("nesterov", nesterov);
        } else {
            m.put("beta1", beta1);
            m.put("beta2", beta2);
            m.put("epsilon", epsilon);
        }
        return m;
    }
}
