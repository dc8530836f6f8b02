package org.defrost.spi;

import java.util.List;

/**
 * Turns a stage's resolved {@link Parameters} into its typed parameter record in one step, e.g.
 * {@code ParameterBinder<ChmmParameters> BINDER = ChmmParameters::of}. Types, defaults and single-parameter
 * ranges come from the {@link ParameterSpec}s; a binder adds what they cannot say (derived values, rules
 * between parameters) and refuses a value by throwing a {@link ParameterException} that names it. A binder
 * built from independent parts (several bound records, or several unrelated rules) gathers them with
 * {@link ParameterParts}, so that every part's problems are reported, not only the first.
 *
 * @param <T> the typed parameters
 */
@FunctionalInterface
public interface ParameterBinder<T> {

    /**
     * The typed parameters.
     *
     * @throws ParameterException naming the parameters that cannot be accepted (one, or with
     *                            {@link ParameterParts}, every failing part's)
     */
    T bind(Parameters parameters);

    /**
     * What {@link Stage#validate} returns: empty when {@link #bind} succeeds, else every problem its
     * {@link ParameterException} carries, in order. Other exceptions propagate.
     */
    default List<ParameterProblem> problems(Parameters parameters) {
        try {
            bind(parameters);
            return List.of();
        } catch (ParameterException e) {
            return e.problems();
        }
    }
}
