package org.defrost.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Meters for the Camel routes that carry runs: exchanges completed and failed, their durations, exchanges
 * in flight and routes. Runs get routes named {@code run-<run id>}; they are all tagged {@code route="run"}
 * so that run ids never become tag values. The exchange counters of the run routes and of the routes the
 * context has when bound exist at zero from the start. Close to detach from the context, before the context
 * closes.
 */
public final class CamelRouteMetrics implements AutoCloseable {
    static final String ROUTE = "route";
    private final CamelContext camel;
    private final MeterRegistry registry;
    private final Notifier notifier = new Notifier();
    private final List<Meter> gauges;

    private CamelRouteMetrics(CamelContext camel, MeterRegistry registry) {
        this.camel = camel;
        this.registry = registry;
        this.gauges = List.of(
                Gauge.builder("defrost.camel.exchanges.inflight", camel, c -> c.getInflightRepository().size())
                        .description("Camel exchanges in flight").register(registry),
                Gauge.builder("defrost.camel.routes", camel, CamelContext::getRoutesSize)
                        .description("Camel routes, one per running pipeline plus the shared work-unit route")
                        .register(registry));
        Set<String> routes = new TreeSet<>(Set.of(routeLabel("run-")));
        camel.getRoutes().forEach(r -> routes.add(routeLabel(r.getRouteId())));
        for (String route : routes) {
            exchanges(route, false);
            exchanges(route, true);
        }
    }

    private Counter exchanges(String route, boolean failed) {
        return Counter.builder("defrost.camel.exchanges").description("Camel exchanges finished, by route and outcome")
                .tag(ROUTE, route).tag(DefrostMetrics.OUTCOME, failed ? "failed" : "completed").register(registry);
    }

    static CamelRouteMetrics bind(CamelContext camel, MeterRegistry registry) {
        CamelRouteMetrics metrics = new CamelRouteMetrics(camel, registry);
        camel.getManagementStrategy().addEventNotifier(metrics.notifier);
        ServiceHelper.startService(metrics.notifier);
        return metrics;
    }

    /** The bounded label of a route id: {@code run} for every run's route, the id for the engine's fixed routes. */
    static String routeLabel(String routeId) {
        if (routeId == null) {
            return "none";
        }
        if (routeId.startsWith("run-")) {
            return "run";
        }
        return routeId.startsWith("defrost-") ? routeId : "other";
    }

    @Override
    public void close() {
        camel.getManagementStrategy().removeEventNotifier(notifier);
        ServiceHelper.stopService(notifier);
        gauges.forEach(registry::remove);
    }

    private final class Notifier extends EventNotifierSupport {
        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
            String route = routeLabel(exchange.getFromRouteId());
            boolean failed = event instanceof CamelEvent.ExchangeFailedEvent;
            exchanges(route, failed).increment();
            Timer.builder("defrost.camel.exchange.duration").description("Duration of Camel exchanges, by route")
                    .tag(ROUTE, route).register(registry).record(Duration.ofMillis(exchange.getClock().elapsed()));
        }
    }
}
