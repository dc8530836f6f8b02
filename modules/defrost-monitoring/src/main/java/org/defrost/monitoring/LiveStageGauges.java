package org.defrost.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;

/**
 * The gauges stages set through {@link org.defrost.spi.StageMetrics#set} (training loss, validation error,
 * samples per second), for one pipeline. Each gauge shows the value most recently reported by any running
 * invocation of its stage type, and disappears when no invocation of that type is running, so that a
 * dashboard shows live values only. Thread-safe.
 */
final class LiveStageGauges {
    private final MeterRegistry registry;
    private final Tags pipelineTags;
    /** By stage type, then metric name. */
    private final Map<String, Map<String, Value>> gauges = new HashMap<>();

    LiveStageGauges(MeterRegistry registry, Tags pipelineTags) {
        this.registry = registry;
        this.pipelineTags = pipelineTags;
    }

    synchronized void set(String stageType, String name, double value) {
        Value v = gauges.computeIfAbsent(stageType, t -> new HashMap<>()).get(name);
        if (v == null) {
            v = new Value();
            v.gauge = Gauge.builder(DefrostMetrics.STAGE_PREFIX + name, v, x -> x.value)
                    .tags(pipelineTags).tag(DefrostMetrics.STAGE_TYPE, stageType)
                    .description("Latest value that a running " + stageType + " stage reported as " + name)
                    .strongReference(true)
                    .register(registry);
            gauges.get(stageType).put(name, v);
        }
        v.value = value;
    }

    /** Removes the gauges of {@code stageType}: none of its invocations runs any more. */
    synchronized void remove(String stageType) {
        Map<String, Value> ofType = gauges.remove(stageType);
        if (ofType != null) {
            ofType.values().forEach(v -> registry.remove(v.gauge));
        }
    }

    /** A gauge and the number it shows. */
    private static final class Value {
        volatile double value;
        Gauge gauge;
    }
}
