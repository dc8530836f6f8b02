package org.defrost.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A self-contained piece of a stage's work, serialisable as JSON so that it can run in another thread,
 * process or machine. Its result is cached under a key computed from the stage type and version,
 * {@link #parameters}, the content of {@link #inputs} and {@link #seed} only, so the parameters must
 * hold everything that affects the result and nothing that does not (not the full list of target sizes,
 * say, when the unit trains one of them): then adding work to a pipeline recomputes only the new units.
 *
 * @param name       unique within the stage invocation, readable: it names the unit in logs and errors
 * @param parameters JSON-compatible values (numbers, strings, booleans, lists and maps of those)
 * @param inputs     keys of the artifacts the unit reads
 * @param outputKind kind of the single artifact the unit writes
 * @param seed       the unit's seed
 */
public record WorkUnit(String name, Map<String, Object> parameters, List<String> inputs, String outputKind,
                       long seed) {

    public WorkUnit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outputKind, "outputKind");
        parameters = Map.copyOf(parameters);
        inputs = List.copyOf(inputs);
    }
}
