package org.defrost.study.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.defrost.spi.Artifact;
import org.defrost.spi.StageContext;
import org.defrost.spi.UnitContext;
import org.defrost.spi.WorkUnit;

/**
 * Work units as typed records on both sides of the engine's unit mechanism. The planning side hands
 * {@link PlannedUnit}s to {@link #fanOut} and gets each result paired with its unit; the running side reads
 * its record back with {@link #read}. In between, the record travels as the {@link WorkUnit}'s parameter map
 * (JSON-compatible values), which is what the engine hashes into the unit's key and what it sends to remote
 * workers, so a record unit runs the same in the process and on a worker.
 */
public final class TypedUnits {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private TypedUnits() {
    }

    /**
     * Runs the units through {@link StageContext#fanOut} and returns them with their artifacts, in the order
     * of {@code units}.
     *
     * @throws Exception as {@link StageContext#fanOut}: the first unit failure, after the others finished
     */
    public static <T, U extends Record> List<FinishedUnit<T, U>> fanOut(StageContext ctx, List<PlannedUnit<T, U>> units)
            throws Exception {
        List<Artifact> done = ctx.fanOut(units.stream().map(PlannedUnit::toWorkUnit).toList());
        if (done.size() != units.size()) {
            throw new IllegalStateException(units.size() + " units planned but " + done.size() + " artifacts returned");
        }
        List<FinishedUnit<T, U>> out = new ArrayList<>(units.size());
        for (int i = 0; i < units.size(); i++) {
            out.add(new FinishedUnit<>(units.get(i), done.get(i)));
        }
        return out;
    }

    /** The record of the unit being run. */
    public static <U extends Record> U read(UnitContext ctx, Class<U> type) {
        return fromParameters(ctx.unit().parameters(), type);
    }

    /** A unit record as work-unit parameters. */
    static Map<String, Object> toParameters(Record unit) {
        Map<String, Object> m = JSON.convertValue(unit, MAP);
        if (m.containsValue(null)) {
            throw new IllegalArgumentException(unit.getClass().getSimpleName() + " has a null component; a work unit's "
                    + "parameters must all be present: " + m);
        }
        return m;
    }

    /** Work-unit parameters read back as {@code type}, e.g. those a stored unit artifact's manifest records. */
    public static <U extends Record> U fromParameters(Map<String, Object> parameters, Class<U> type) {
        try {
            return JSON.convertValue(parameters, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("work unit parameters " + parameters + " are not a "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
