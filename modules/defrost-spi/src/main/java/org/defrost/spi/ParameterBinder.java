package org.defrost.spi;

import java.util.List;

/**
 * Turns a stage's resolved {@link Parameters} into its typed parameter record in one step, e.g.
 * {@code ParameterBinder<ChmmParameters> BINDER = ChmmParameters::of}. Types, defaults and single-parameter
 * ranges come from the {@link ParameterSpec}s; a binder adds what they cannot say (derived values, rules
 * between parameters) and refuses a value by throwing a {@link ParameterException} that names it.
 *
 * @param <T> the typed parameters
 */
@FunctionalInterface
public interface ParameterBinder<T> {

    /**
     * The typed parameters.
     *
     * @throws ParameterException naming the first parameter that cannot be accepted
     */
    T bind(Parameters parameters);

    /** What {@link Stage#validate} returns: empty when {@link #bind} succeeds, else the problem it names. */
    default List<ParameterProblem> problems(Parameters parameters) {
        try {
            bind(parameters);
            return List.of();
        } catch (ParameterException e) {
            return List.of(e.problem());
        }
    }
}
