package org.defrost.monitoring;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.run.RunListener;
import org.defrost.engine.run.Versions;

/**
 * defrost's metrics: a Prometheus registry with JVM and process meters, {@code defrost_build_info},
 * cardinality limits, duration histograms, and the run meters fed by {@link #runListener(Pipeline)}. One
 * instance serves a whole process; give every run its own listener. The meters are listed in
 * {@code monitoring/README.md}. Typical use:
 * <pre>{@code
 * try (DefrostMetrics metrics = new DefrostMetrics(DefrostMetrics.RUN);
 *      PipelineRunner runner = new PipelineRunner(store, threads);
 *      CamelRouteMetrics routes = metrics.bindCamel(runner.camel());
 *      MetricsServer server = MetricsServer.start(address, port, metrics)) {
 *     runner.run(pipeline, RunListeners.compose(progress, metrics.runListener(pipeline)), control);
 * }
 * }</pre>
 */
public final class DefrostMetrics implements AutoCloseable {
    static final String PREFIX = "defrost.";
    /** Meters that stages publish through {@link org.defrost.spi.StageMetrics}; no other meter has this prefix. */
    static final String STAGE_PREFIX = "defrost.stage.";
    static final String PIPELINE = "pipeline";
    static final String STAGE_TYPE = "stage_type";
    static final String STATUS = "status";
    static final String OUTCOME = "outcome";
    static final String CACHED = "cached";
    static final String KIND = "kind";
    /** The {@code command} tag of {@code defrost_build_info}: which defrost command this process runs. */
    public static final String RUN = "run";
    public static final String SERVE = "serve";
    public static final String WORKER = "worker";
    private static final List<String> COMMANDS = List.of(RUN, SERVE, WORKER);
    /** Fixed words, as {@link org.defrost.spi.StageMetrics} asks: lower case, digits and underscores. */
    private static final Pattern STAGE_METRIC_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final String OVERFLOW = "_other";
    private static final System.Logger LOG = System.getLogger(DefrostMetrics.class.getName());
    private final PrometheusMeterRegistry registry;
    private final Clock clock;
    private final Map<String, PipelineMeters> pipelines = new ConcurrentHashMap<>();
    private final List<AutoCloseable> binders;
    private final AtomicBoolean warnedBadName = new AtomicBoolean();
    private final long startedMillis;

    /**
     * Metrics of a process running the defrost command {@code command}: {@link #RUN}, {@link #SERVE} or
     * {@link #WORKER}, published as the {@code command} tag of {@code defrost_build_info} (an alert on a
     * target that is down uses it to tell long-lived processes from runs, which end).
     */
    public DefrostMetrics(String command) {
        this(command, Clock.SYSTEM);
    }

    DefrostMetrics(String command, Clock clock) {
        if (!COMMANDS.contains(command)) {
            throw new IllegalArgumentException("command must be one of " + COMMANDS + ", was " + command);
        }
        this.clock = clock;
        this.startedMillis = clock.wallTime();
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
        CardinalityLimits.filters().forEach(registry.config()::meterFilter);
        registry.config().meterFilter(DurationHistograms.filter());
        Gauge.builder("defrost.build.info", () -> 1)
                .description("Always 1; the defrost version, the Java version and the command of this process as tags")
                .tag("version", Versions.defrost())
                .tag("java_version", System.getProperty("java.version"))
                .tag("command", command)
                .register(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();
        this.binders = List.of(gc, heapPressure);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        heapPressure.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * A new listener for one run of {@code pipeline}: pass it (alone or through {@link RunListeners#compose})
     * to exactly one {@code PipelineRunner.run} call of that pipeline. Runs going on at the same time each need
     * their own. When the run starts, the listener creates at zero every counter the run can add to (by stage
     * type, outcome and artifact kind, and the counters stages declare through
     * {@link org.defrost.spi.Stage#counters()}), so that dashboards show 0 rather than no data and
     * Prometheus's {@code increase()} sees the first count.
     */
    public RunListener runListener(Pipeline pipeline) {
        return new RunMetricsListener(this, pipeline);
    }

    /** Counts the exchanges of {@code camel}'s routes; close the result to stop. */
    public CamelRouteMetrics bindCamel(CamelContext camel) {
        return CamelRouteMetrics.bind(camel, registry);
    }

    /** Runs now going on, over all pipelines. */
    public int activeRuns() {
        return pipelines.values().stream().mapToInt(PipelineMeters::activeRuns).sum();
    }

    /** Seconds since these metrics were created. */
    public double uptimeSeconds() {
        return (clock.wallTime() - startedMillis) / 1e3;
    }

    /** The metrics in Prometheus's text format, as served at {@code /metrics}. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * The meters of pipeline {@code name}. Past {@link CardinalityLimits#PIPELINES} names, further pipelines
     * share one object whose meters the cardinality limits drop, so that memory stays bounded.
     */
    PipelineMeters pipeline(String name) {
        PipelineMeters m = pipelines.get(name);
        if (m != null) {
            return m;
        }
        synchronized (pipelines) {
            String key = pipelines.size() < CardinalityLimits.PIPELINES || pipelines.containsKey(name) ? name : OVERFLOW;
            return pipelines.computeIfAbsent(key, k -> new PipelineMeters(k, registry, clock));
        }
    }

    /** Whether a stage may publish a metric named {@code name}; logs the first refusal. */
    boolean acceptStageMetricName(String name) {
        if (name != null && STAGE_METRIC_NAME.matcher(name).matches()) {
            return true;
        }
        if (warnedBadName.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "ignoring stage metric '" + name + "' (and any further invalid name): "
                    + "names are fixed words of lower-case letters, digits and underscores, at most 64 characters");
        }
        return false;
    }

    @Override
    public void close() {
        for (AutoCloseable b : binders) {
            try {
                b.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a JVM meter binder: " + e.getMessage());
            }
        }
        registry.close();
    }
}
