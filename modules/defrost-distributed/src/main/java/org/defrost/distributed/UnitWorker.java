package org.defrost.distributed;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsConstants;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.impl.DefaultCamelContext;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunListener;
import org.defrost.engine.run.UnitDescription;
import org.defrost.engine.run.UnitOutcome;
import org.defrost.engine.run.CachedUnitRunner;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * A worker: takes work units from {@link Queues#UNITS} through Camel's JMS component, up to {@code threads} at
 * once (each unit on one thread), runs each with a {@link CachedUnitRunner} against the shared workspace and reports
 * to the completion queue the unit names.
 *
 * <p>Each message is received in a JMS transaction. After the unit's artifact is committed to the store, the
 * completion is sent in that transaction and the transaction commits: the broker forgets the unit only once
 * its artifact exists. When the unit fails, the worker reports the attempt's error outside the transaction and
 * rolls back, so the broker delivers the unit again (to any worker) until its delivery attempts run out and
 * it moves to the dead-letter queue. A worker that dies mid-unit loses only that unit's transaction, and the
 * broker redelivers it. A unit delivered again after its artifact was committed is a cache hit.
 */
public final class UnitWorker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UnitWorker.class.getName());
    private static final String ROUTE = "defrost-worker";
    /** Beyond the grace period, how long stopping waits for cancelled units to roll back. */
    private static final long STOP_MARGIN_SECONDS = 5;
    private final CamelContext camel;
    private final CachedUnitRunner runner;
    private final WorkerMetrics metrics;
    private final RunControl stopping = new RunControl();
    private final String name;
    private final String url;
    private final ActiveMQConnectionFactory receiving;
    private final CachingConnectionFactory reporting;
    private ProducerTemplate failureReports;

    private UnitWorker(String url, CachedUnitRunner runner, WorkerMetrics metrics) {
        this.url = url;
        this.runner = runner;
        this.metrics = metrics;
        this.name = ManagementFactory.getRuntimeMXBean().getName();
        this.camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("defrost-worker");
        this.receiving = BrokerConnections.factory(url);
        // failure reports must not join the receiving transaction, which rolls back: another factory keeps them apart
        this.reporting = BrokerConnections.caching(BrokerConnections.factory(url));
    }

    /**
     * Connects to the broker at {@code url} and starts taking units.
     *
     * @param threads units run at once, at least 1
     * @throws BrokerUnreachableException when the broker cannot be reached
     * @throws Exception                  naming the broker when Camel cannot start taking units
     */
    public static UnitWorker start(String url, CachedUnitRunner runner, int threads, WorkerMetrics metrics) throws Exception {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        UnitWorker worker = new UnitWorker(url, runner, metrics);
        BrokerConnections.probeAndStart(worker.receiving, url, worker, () -> worker.startRoutes(threads),
                e -> new Exception("cannot take work units from the broker at " + url + ": " + rootMessage(e), e));
        return worker;
    }

    private void startRoutes(int threads) throws Exception {
        camel.addComponent("jms", BrokerConnections.component(receiving));
        camel.addComponent("reports", BrokerConnections.component(reporting));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("jms:queue:" + Queues.UNITS + "?transacted=true&concurrentConsumers=" + threads
                        + "&maxConcurrentConsumers=" + threads + "&cacheLevelName=CACHE_CONSUMER&testConnectionOnStartup=true"
                        + "&errorHandlerLoggingLevel=DEBUG&errorHandlerLogStackTrace=false")
                        .routeId(ROUTE)
                        .process(UnitWorker.this::runUnit)
                        // runUnit names the run's completion queue in a header, which overrides this destination
                        .to("jms:queue:" + Queues.COMPLETIONS_PREFIX + "unknown");
            }
        });
        camel.start();
        failureReports = camel.createProducerTemplate();
    }

    /** This worker's name in completions and logs: {@code pid@host}. */
    public String name() {
        return name;
    }

    /** The broker URL. */
    public String url() {
        return url;
    }

    /** Runs the unit of one message; on success the body becomes its completion, on failure it throws. */
    private void runUnit(Exchange exchange) throws Exception {
        String completions = exchange.getIn().getHeader(Queues.COMPLETIONS_PROPERTY, String.class);
        int attempt = deliveryCount(exchange);
        UnitDescription d = UnitDescription.fromJson(exchange.getIn().getBody(String.class));
        metrics.started();
        long start = System.nanoTime();
        UnitOutcome outcome;
        try {
            outcome = runner.run(d, new RunListener() { }, stopping);
        } catch (Exception | Error e) {
            double seconds = (System.nanoTime() - start) / 1e9;
            metrics.finished(WorkerMetrics.FAILED, seconds);
            String error = e instanceof CancellationException && stopping.isCancelled() ? "the worker was stopped" : describe(e);
            LOG.log(System.Logger.Level.WARNING, "unit '" + d.unit().name() + "' of run " + d.runId() + " failed (delivery "
                    + attempt + "): " + error);
            report(completions, new UnitCompletion(d.key(), d.unit().name(), UnitCompletion.ATTEMPT_FAILED, seconds, name,
                    attempt, error));
            throw e;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String result = outcome.cached() ? UnitCompletion.CACHED : UnitCompletion.COMPUTED;
        metrics.finished(result, seconds);
        LOG.log(System.Logger.Level.INFO, () -> "unit '" + d.unit().name() + "' of run " + d.runId() + " " + result + " in "
                + String.format(java.util.Locale.ROOT, "%.2f", seconds) + " s" + (attempt > 1 ? " (delivery " + attempt + ")" : ""));
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(JmsConstants.JMS_DESTINATION_NAME, completions);
        exchange.getIn().setHeader(Queues.KEY_PROPERTY, d.key());
        exchange.getIn().setBody(new UnitCompletion(d.key(), d.unit().name(), result, seconds, name, attempt, null).toJson());
    }

    /** Sends the report of a failed attempt at once, outside the transaction that is about to roll back. */
    private void report(String completions, UnitCompletion completion) {
        try {
            failureReports.sendBodyAndHeader("reports:queue:" + completions, completion.toJson(), Queues.KEY_PROPERTY,
                    completion.key());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not report the failure of unit '" + completion.unit() + "': "
                    + rootMessage(e));
        }
    }

    private static int deliveryCount(Exchange exchange) {
        try {
            JmsMessage message = exchange.getIn(JmsMessage.class);
            return message == null ? 1 : message.getJmsMessage().getIntProperty(Queues.DELIVERY_COUNT);
        } catch (jakarta.jms.JMSException | RuntimeException e) {
            return 1;
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }

    /**
     * Stops taking units, lets running ones finish for up to {@code graceSeconds}, then cancels the rest (their
     * transactions roll back and the broker delivers them to another worker) and disconnects.
     */
    public void stop(long graceSeconds) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "defrost-worker-stop");
            t.setDaemon(true);
            return t;
        });
        timer.schedule(stopping::cancel, graceSeconds, TimeUnit.SECONDS);
        camel.getShutdownStrategy().setTimeout(graceSeconds + STOP_MARGIN_SECONDS);
        try {
            camel.getRouteController().stopRoute(ROUTE);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "the worker did not stop taking units cleanly: " + e.getMessage());
        } finally {
            timer.shutdownNow();
            close();
        }
    }

    /** Cancels running units and disconnects. */
    @Override
    public void close() {
        stopping.cancel();
        BrokerConnections.closeCamel(camel, "worker", LOG);
        reporting.destroy();
        receiving.close();
    }
}
