package org.defrost.monitoring;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.Arrays;

/**
 * Publishes every defrost duration (timers named {@code defrost.*}: runs, invocations, cells, Camel exchanges,
 * stage timers, worker cells) as a Prometheus histogram with one fixed set of buckets, so that Grafana can
 * draw percentiles ({@code histogram_quantile}) and heat maps. The buckets span what defrost times: a cache
 * hit takes milliseconds, a cell seconds to minutes, a run up to the 24 h stage time limit. Fixed buckets
 * keep the series of each histogram to {@link #BUCKETS_SECONDS}{@code .length + 1}.
 */
final class DurationHistograms {
    /** Upper bounds of the buckets, in seconds; Prometheus adds {@code +Inf}. */
    static final double[] BUCKETS_SECONDS = {0.005, 0.025, 0.1, 0.25, 1, 2.5, 10, 30, 60, 150, 300, 600, 1800, 3600,
            7200, 21600, 86400};

    private DurationHistograms() {
    }

    /** The filter that gives defrost's timers their buckets; other timers (the JVM's) are left alone. */
    static MeterFilter filter() {
        double[] nanos = Arrays.stream(BUCKETS_SECONDS).map(s -> Duration.ofMillis((long) (s * 1000)).toNanos()).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith(DefrostMetrics.PREFIX)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
