package org.defrost.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.defrost.spi.WorkUnit;

/**
 * A work unit as it travels to whoever runs it: everything that a process holding the stage type and the
 * artifact store needs to run it, with no reference to the run that planned it. It is JSON ({@link #toJson},
 * {@link #fromJson}), so it can go through a message broker to another machine.
 *
 * @param runId           the run that fanned the unit out; log lines of the unit carry it
 * @param pipeline        the pipeline's name, recorded in the output's manifest
 * @param stageId         the stage's id in the pipeline, recorded in the output's manifest
 * @param stageType       the stage type whose {@code runUnit} runs it
 * @param stageVersion    the version of the stage type that planned it; a runner with another version refuses it
 * @param stageParameters the invocation's resolved parameters, which the unit sees as its context's parameters
 * @param unit            the unit itself
 * @param inputs          the unit's input artifacts, in the order of {@link WorkUnit#inputs()}
 * @param key             the content-addressed key of the unit's output
 * @param threads         how many threads the unit may keep busy
 */
public record UnitDescription(String runId, String pipeline, String stageId, String stageType, String stageVersion,
                              Map<String, Object> stageParameters, WorkUnit unit, List<Input> inputs, String key,
                              int threads) {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public UnitDescription {
        Objects.requireNonNull(stageType, "stageType");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(key, "key");
        stageParameters = stageParameters == null ? Map.of() : stageParameters;
        inputs = List.copyOf(inputs);
    }

    /**
     * One input artifact of a unit, with the matrix cell and seed index it has for the invocation that
     * fanned the unit out ({@link org.defrost.spi.Artifact#matrixCell()}, {@link org.defrost.spi.Artifact#seedIndex()}).
     */
    public record Input(String key, Map<String, Object> matrixCell, int seedIndex) {
        public Input {
            Objects.requireNonNull(key, "key");
            matrixCell = matrixCell == null ? Map.of() : matrixCell;
        }
    }

    /** The description as one line of JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("work unit '" + unit.name() + "' cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a description written by {@link #toJson}. Integral stage parameters come back as {@code Long},
     * as {@link org.defrost.spi.Parameters} promises; unit parameters come back as JSON numbers read by
     * Jackson ({@code Integer} when they fit, else {@code Long}; {@code Double} for the others).
     *
     * @throws IllegalArgumentException when {@code json} is not a description
     */
    public static UnitDescription fromJson(String json) {
        UnitDescription d;
        try {
            d = JSON.readValue(json, UnitDescription.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a work unit description: " + e.getMessage(), e);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = (Map<String, Object>) longIntegers(d.stageParameters);
        return new UnitDescription(d.runId, d.pipeline, d.stageId, d.stageType, d.stageVersion, parameters, d.unit,
                d.inputs, d.key, d.threads);
    }

    private static Object longIntegers(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(longIntegers(v)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), longIntegers(v)));
            return out;
        }
        return value;
    }
}
