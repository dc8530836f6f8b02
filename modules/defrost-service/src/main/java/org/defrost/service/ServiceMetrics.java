package org.defrost.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's own meters: files taken from the inbox and how they ended, pipelines waiting in the queue and
 * running, and whether the inbox is being watched. Every tag value is one of a fixed few words.
 */
final class ServiceMetrics {
    /** How a file ended: {@code processed} (run succeeded), {@code failed} (invalid or run failed), {@code interrupted}. */
    static final String PROCESSED = "processed";
    static final String INVALID = "invalid";
    static final String FAILED = "failed";
    static final String INTERRUPTED = "interrupted";

    private final MeterRegistry registry;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger watching = new AtomicInteger();
    private final Counter received;

    ServiceMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("defrost.service.queued", queued, AtomicInteger::get)
                .description("Pipeline files validated and waiting to run").register(registry);
        Gauge.builder("defrost.service.running", running, AtomicInteger::get)
                .description("Pipeline files running").register(registry);
        Gauge.builder("defrost.service.watching", watching, AtomicInteger::get)
                .description("1 while the service takes new files from its inbox, 0 once it is stopping").register(registry);
        received = Counter.builder("defrost.service.files.received")
                .description("Files taken from the inbox, including interrupted ones taken up again at start").register(registry);
        for (String outcome : new String[] {PROCESSED, INVALID, FAILED, INTERRUPTED}) {
            finished(outcome);
        }
    }

    void received() {
        received.increment();
    }

    /** A file ended with {@code outcome}, one of the constants of this class. */
    void ended(String outcome) {
        finished(outcome).increment();
    }

    private Counter finished(String outcome) {
        return Counter.builder("defrost.service.files.finished").description("Files handled, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    AtomicInteger queued() {
        return queued;
    }

    AtomicInteger running() {
        return running;
    }

    void watching(boolean on) {
        watching.set(on ? 1 : 0);
    }
}
