package org.defrost.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Binds a record built from independent parts and reports every part's problems at once, so that a pipeline
 * with two unrelated mistakes gets both. Each {@link #bind} runs one part; a part that refuses (throws a
 * {@link ParameterException}) has its problems kept and gives null, the other parts still run, and
 * {@link #check} throws everything kept together. A part that needs another part's value is skipped when that
 * part failed, so one mistake is reported once:
 *
 * <pre>{@code
 * static Settings of(Parameters p) {
 *     ParameterParts parts = new ParameterParts(p);
 *     Layers layers = parts.bind(Layers::of);
 *     TrainingSettings training = parts.bind(TrainingSettings::of);
 *     Blocks blocks = parts.bind(layers, Blocks::of);   // needs layers: skipped when Layers::of refused
 *     parts.check();                                     // throws every problem above together
 *     return new Settings(layers, training, blocks, p.getDouble("alpha"));
 * }
 * }</pre>
 *
 * Failures that are not {@link ParameterException}s (bugs) propagate at once. Not thread-safe; one per binding.
 */
public final class ParameterParts {
    private final Parameters parameters;
    private final List<ParameterProblem> problems = new ArrayList<>();

    /** @param parameters the resolved parameters every part reads */
    public ParameterParts(Parameters parameters) {
        this.parameters = parameters;
    }

    /**
     * Binds one part.
     *
     * @return the part's value, or null when it refused (its problems are kept for {@link #check})
     */
    public <T> T bind(ParameterBinder<T> part) {
        try {
            return part.bind(parameters);
        } catch (ParameterException e) {
            e.problems().forEach(this::keep);
            return null;
        }
    }

    /**
     * Binds a part that needs the value another part bound.
     *
     * @param dependency the other part's value; null (that part refused) skips this part, adding no problem
     * @return the part's value, or null when it refused or was skipped
     */
    public <D, T> T bind(D dependency, BiFunction<Parameters, D, T> part) {
        return dependency == null ? null : bind(p -> part.apply(p, dependency));
    }

    /** Keeps a problem found by a rule checked in place rather than by a part, e.g. between two parts' values. */
    public void refuse(String parameter, String message) {
        keep(new ParameterProblem(parameter, message));
    }

    /**
     * Returns when every part bound; the parts' values are then all non-null (unless a part itself gives null).
     *
     * @throws ParameterException carrying every kept problem, in the order found (each once)
     */
    public void check() {
        if (!problems.isEmpty()) {
            throw new ParameterException(problems);
        }
    }

    private void keep(ParameterProblem problem) {
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }
}
