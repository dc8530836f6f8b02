package org.defrost.distributed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one worker process, named as defrost's other meters are and tagged only with fixed words
 * (Prometheus's {@code instance} label tells workers apart):
 * <ul>
 *   <li>{@code defrost_worker_cells_total{outcome}}: units finished, {@code computed}, {@code cached} (the
 *       artifact existed, e.g. a redelivered unit) or {@code failed} (one failed delivery attempt);</li>
 *   <li>{@code defrost_worker_cell_duration_seconds{outcome}}: how long units took (count, sum, max);</li>
 *   <li>{@code defrost_worker_busy}: units running now, from 0 to {@code defrost_worker_threads};</li>
 *   <li>{@code defrost_worker_threads}: units the worker runs at once.</li>
 * </ul>
 * Throughput is {@code rate(defrost_worker_cells_total[5m])}. Thread-safe.
 */
public final class WorkerMetrics {
    static final String COMPUTED = "computed";
    static final String CACHED = "cached";
    static final String FAILED = "failed";
    private final AtomicInteger busy = new AtomicInteger();
    private final Map<String, Counter> cells;
    private final Map<String, Timer> durations;

    /** Registers the meters of a worker running up to {@code threads} units at once. */
    public WorkerMetrics(MeterRegistry registry, int threads) {
        Gauge.builder("defrost.worker.busy", busy, AtomicInteger::get).description("Work units this worker is running now")
                .register(registry);
        Gauge.builder("defrost.worker.threads", () -> threads).description("Work units this worker runs at once")
                .register(registry);
        cells = Map.of(COMPUTED, counter(registry, COMPUTED), CACHED, counter(registry, CACHED), FAILED, counter(registry, FAILED));
        durations = Map.of(COMPUTED, timer(registry, COMPUTED), CACHED, timer(registry, CACHED), FAILED, timer(registry, FAILED));
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("defrost.worker.cells").description("Work units (sweep cells) this worker finished, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private static Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder("defrost.worker.cell.duration").description("Time this worker spent on work units, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    /** A unit started. */
    void started() {
        busy.incrementAndGet();
    }

    /** A unit that {@link #started()} finished with {@code outcome} after {@code seconds}. */
    void finished(String outcome, double seconds) {
        busy.decrementAndGet();
        cells.get(outcome).increment();
        durations.get(outcome).record(Duration.ofNanos((long) (Math.max(seconds, 0) * 1e9)));
    }

    /** Units running now. */
    public int busy() {
        return busy.get();
    }

    /** Units finished with {@code outcome} ({@code computed}, {@code cached} or {@code failed}). */
    public long finished(String outcome) {
        return (long) cells.get(outcome).count();
    }
}
