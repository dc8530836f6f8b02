package org.defrost.distributed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * What a worker reports about one delivery of a unit, as JSON on the publishing dispatcher's completion queue.
 *
 * @param key     the unit's output key
 * @param unit    the unit's name
 * @param outcome {@link #COMPUTED}, {@link #CACHED}, or {@link #ATTEMPT_FAILED} (the broker delivers the unit
 *                again until its attempts run out)
 * @param seconds how long the worker spent on it
 * @param worker  which worker: {@code pid@host}
 * @param attempt the delivery attempt, counted from 1
 * @param error   the failure, for {@link #ATTEMPT_FAILED}; else null
 */
record UnitCompletion(String key, String unit, String outcome, double seconds, String worker, int attempt, String error) {
    static final String COMPUTED = "computed";
    static final String CACHED = "cached";
    static final String ATTEMPT_FAILED = "attempt-failed";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    boolean succeeded() {
        return COMPUTED.equals(outcome) || CACHED.equals(outcome);
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a completion cannot be written as JSON", e);
        }
    }

    static UnitCompletion fromJson(String json) {
        try {
            return JSON.readValue(json, UnitCompletion.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a unit completion: " + e.getOriginalMessage(), e);
        }
    }
}
