package org.defrost.monitoring;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Meter filters that bound how many time series defrost can create, so that a mistake (a seed or cell
 * id in a pipeline name, a stage that builds metric names from numbers) costs a log line, not the
 * process's memory or the Prometheus server's. Past a limit new series are dropped and one warning is
 * logged per limit.
 */
final class CardinalityLimits {
    static final int PIPELINES = 100;
    static final int STAGE_TYPES = 200;
    static final int ARTIFACT_KINDS = 200;
    /** Distinct metric names stages may publish, over all stage types. */
    static final int STAGE_METRIC_NAMES = 200;
    /** For tags whose values the engine fixes (status, outcome, cached, route). */
    static final int FIXED_VALUES = 10;
    private static final System.Logger LOG = System.getLogger(CardinalityLimits.class.getName());

    private CardinalityLimits() {
    }

    /** The filters to install on a registry, before any defrost meter is registered. */
    static List<MeterFilter> filters() {
        return List.of(
                tagCap(DefrostMetrics.PIPELINE, PIPELINES),
                tagCap(DefrostMetrics.STAGE_TYPE, STAGE_TYPES),
                tagCap(DefrostMetrics.KIND, ARTIFACT_KINDS),
                tagCap(DefrostMetrics.STATUS, FIXED_VALUES),
                tagCap(DefrostMetrics.OUTCOME, FIXED_VALUES),
                tagCap(DefrostMetrics.CACHED, FIXED_VALUES),
                tagCap(CamelRouteMetrics.ROUTE, FIXED_VALUES),
                stageMetricNameCap(STAGE_METRIC_NAMES));
    }

    private static MeterFilter tagCap(String tagKey, int max) {
        return MeterFilter.maximumAllowableTags(DefrostMetrics.PREFIX, tagKey, max, denyAndWarnOnce(
                "more than " + max + " distinct values of tag '" + tagKey + "' on defrost metrics"));
    }

    /** Denies meters named {@code defrost.stage.*} once {@code max} distinct such names exist. */
    static MeterFilter stageMetricNameCap(int max) {
        MeterFilter onMax = denyAndWarnOnce("stages published more than " + max + " distinct metric names");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                String name = id.getName();
                if (!name.startsWith(DefrostMetrics.STAGE_PREFIX) || seen.contains(name)) {
                    return MeterFilterReply.NEUTRAL;
                }
                synchronized (seen) {
                    if (seen.size() >= max) {
                        return onMax.accept(id);
                    }
                    seen.add(name);
                }
                return MeterFilterReply.NEUTRAL;
            }
        };
    }

    private static MeterFilter denyAndWarnOnce(String what) {
        AtomicBoolean warned = new AtomicBoolean();
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                if (warned.compareAndSet(false, true)) {
                    LOG.log(System.Logger.Level.WARNING, what + "; dropping " + id.getName() + " " + id.getTags()
                            + " and any further ones. A tag or metric name probably holds an unbounded value.");
                }
                return MeterFilterReply.DENY;
            }
        };
    }
}
