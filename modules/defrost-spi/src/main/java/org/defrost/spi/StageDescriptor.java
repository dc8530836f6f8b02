package org.defrost.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a stage declares about itself.
 *
 * @param type        the name pipelines use after {@code uses:}; lower-case words joined by hyphens
 * @param version     changes whenever the stage's results would change for the same inputs; part of
 *                    every artifact key, so a new version recomputes instead of reusing stale artifacts
 * @param description one paragraph for {@code defrost stages --describe}
 * @param parameters  every parameter the stage accepts
 * @param consumes    artifact kinds read, each from the latest earlier stage producing it unless the
 *                    pipeline names the stage in {@code inputs:}; a pipeline without a producer is invalid
 * @param optionalConsumes artifact kinds read when an earlier stage produces them, else absent
 * @param produces    artifact kinds written, one artifact of each per invocation
 * @param scope       how often the stage runs
 * @param reusable    whether outputs may be reused by later runs with the same inputs; false for stages
 *                    whose outputs describe the run itself (a report with its provenance), which then run
 *                    on every run
 */
public record StageDescriptor(String type, String version, String description, List<ParameterSpec> parameters,
                              List<String> consumes, List<String> optionalConsumes, List<String> produces,
                              StageScope scope, boolean reusable) {

    public StageDescriptor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(scope, "scope");
        parameters = List.copyOf(parameters);
        consumes = List.copyOf(consumes);
        optionalConsumes = List.copyOf(optionalConsumes);
        produces = List.copyOf(produces);
    }

    /** A descriptor without optional inputs. */
    public StageDescriptor(String type, String version, String description, List<ParameterSpec> parameters,
                           List<String> consumes, List<String> produces, StageScope scope) {
        this(type, version, description, parameters, consumes, List.of(), produces, scope, true);
    }

    /** Every kind the stage may read: the required ones, then the optional ones. */
    public List<String> allConsumed() {
        List<String> all = new java.util.ArrayList<>(consumes);
        all.addAll(optionalConsumes);
        return List.copyOf(all);
    }

    /** The declaration of the named parameter, if there is one. */
    public Optional<ParameterSpec> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
