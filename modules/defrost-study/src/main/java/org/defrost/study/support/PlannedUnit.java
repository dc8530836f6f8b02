package org.defrost.study.support;

import java.util.List;
import java.util.Objects;
import org.defrost.spi.WorkUnit;

/**
 * A work unit whose parameters are a typed record, with what the planning stage wants back when it finishes.
 *
 * @param name       unique within the stage invocation, readable (logs and errors name the unit by it)
 * @param tag        what the planning stage needs to place the result (e.g. its seed index and table
 *                   columns); stays in the planning process, is not sent to workers and is not part of the key
 * @param unit       everything that determines the unit's result and nothing else: it becomes the
 *                   {@link WorkUnit}'s parameters, hence its cache key. A record of JSON-compatible components
 *                   (numbers, strings, booleans, lists, records of those); no component may be null
 * @param inputs     keys of the artifacts the unit reads
 * @param outputKind kind of the artifact the unit writes
 * @param seed       the unit's seed
 * @param <T>        the tag's type
 * @param <U>        the unit record's type
 */
public record PlannedUnit<T, U extends Record>(String name, T tag, U unit, List<String> inputs, String outputKind,
                                               long seed) {
    public PlannedUnit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        inputs = List.copyOf(inputs);
    }

    /** The engine's form of this unit: the record's components become the parameters. */
    public WorkUnit toWorkUnit() {
        return new WorkUnit(name, TypedUnits.toParameters(unit), inputs, outputKind, seed);
    }
}
