package org.defrost.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.defrost.engine.run.UnitBatch;
import org.defrost.engine.run.UnitDescription;
import org.defrost.engine.run.UnitDispatcher;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.StoredArtifact;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Sends a run's work units to {@link Queues#UNITS} on an Artemis broker, as persistent messages, and gathers
 * the workers' completions on a queue of its own. Units whose artifacts are already in the store are not
 * sent; a unit that several invocations of this process wait for is sent once. A unit the broker dead-letters
 * fails with the last error a worker reported for it, and stays in {@link Queues#DEAD_LETTERS} marked with
 * that error for whoever inspects the queue. When a batch is cancelled, its units still queued are taken back.
 *
 * <p>The workers write artifacts into their workspace and this process reads them from its own, so both must
 * be the same shared directory. One dispatcher serves any number of runs of this process; close it after them.
 */
public final class BrokerUnitDispatcher implements UnitDispatcher, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BrokerUnitDispatcher.class.getName());
    /** How long a dead letter waits for the report of the failed attempt that preceded it. */
    private static final long REPORT_WAIT_MILLIS = 3000;
    /** How often a dispatch that waits checks that some worker is connected. */
    private static final long WORKER_CHECK_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** How long an artifact a worker committed may take to become visible in this process's workspace. */
    static final Duration ARTIFACT_VISIBILITY = Duration.ofSeconds(60);
    private static final long WITHDRAW_RECEIVE_MILLIS = 300;
    private static final String REPORTED_PROPERTY = "defrostReported";
    private static final String ERROR_PROPERTY = "defrostError";
    private final ArtifactStore store;
    private final String url;
    private final String completions = Queues.COMPLETIONS_PREFIX + UUID.randomUUID();
    private final ActiveMQConnectionFactory receiving;
    private final CachingConnectionFactory sending;
    private final CamelContext camel = new DefaultCamelContext();
    private final PendingUnits pending = new PendingUnits();
    private final ScheduledExecutorService lookAgain = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "defrost-dispatcher-look-again");
        t.setDaemon(true);
        return t;
    });
    private ProducerTemplate producer;

    private BrokerUnitDispatcher(String url, ArtifactStore store) {
        this.url = url;
        this.store = store;
        this.receiving = BrokerConnections.factory(url);
        this.sending = BrokerConnections.caching(BrokerConnections.factory(url));
        camel.getCamelContextExtension().setName("defrost-dispatcher");
    }

    /**
     * Connects to the broker at {@code url} for runs whose workspace is {@code store}.
     *
     * @throws Exception naming the broker when it cannot be reached
     */
    public static BrokerUnitDispatcher connect(String url, ArtifactStore store) throws Exception {
        BrokerUnitDispatcher dispatcher = new BrokerUnitDispatcher(url, store);
        BrokerConnections.probeAndStart(dispatcher.receiving, url, dispatcher, dispatcher::start, e -> {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return new Exception("cannot use the broker at " + url + ": " + root.getMessage(), e);
        });
        return dispatcher;
    }

    private void start() throws Exception {
        camel.addComponent("jms", BrokerConnections.component(receiving));
        camel.addComponent("publish", BrokerConnections.component(sending));
        JmsEndpoint deadLetters = camel.getEndpoint("jms:queue:" + Queues.DEAD_LETTERS
                + "?transacted=true&testConnectionOnStartup=true", JmsEndpoint.class);
        deadLetters.setSelector(Queues.COMPLETIONS_PROPERTY + " = '" + completions + "' AND " + REPORTED_PROPERTY + " IS NULL");
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:" + completions + "?testConnectionOnStartup=true").routeId("defrost-completions")
                        .process(e -> completed(e.getIn().getBody(String.class)));
                from(deadLetters).routeId("defrost-dead-letters")
                        .process(BrokerUnitDispatcher.this::deadLettered)
                        .to("jms:queue:" + Queues.DEAD_LETTERS);
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    /** The broker URL. */
    public String url() {
        return url;
    }

    @Override
    public void dispatch(UnitBatch batch) throws InterruptedException {
        WaitingBatch waiting = new WaitingBatch(batch);
        for (int i = 0; i < batch.size(); i++) {
            UnitDescription d = batch.description(i);
            long start = System.nanoTime();
            Optional<StoredArtifact> stored = store.find(d.key());
            if (stored.isPresent()) {
                batch.completed(i, stored.get(), true, (System.nanoTime() - start) / 1e9);
                continue;
            }
            if (pending.await(d.key(), waiting, i)) {
                publish(d);
            }
        }
        long nextWorkerCheck = System.nanoTime() + WORKER_CHECK_NANOS;
        while (!waiting.awaitAll(200)) {
            if (batch.cancellation().isCancelled()) {
                withdraw(waiting);
                return;
            }
            if (System.nanoTime() - nextWorkerCheck > 0) {
                nextWorkerCheck = System.nanoTime() + WORKER_CHECK_NANOS;
                warnWithoutWorkers();
            }
        }
    }

    /** Warns when units wait and no worker takes them, which otherwise looks like a run that hangs. */
    private void warnWithoutWorkers() {
        try {
            if (QueueAdmin.consumers(receiving, Queues.UNITS) == 0) {
                LOG.log(System.Logger.Level.WARNING, "work units are waiting in the queue " + Queues.UNITS + " of " + url
                        + " and no worker takes them; start one with: defrost worker --broker " + url + " --workspace "
                        + store.workspace());
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "cannot reach the broker at " + url + " (" + e.getMessage()
                    + "); waiting for it to come back");
        }
    }

    private void publish(UnitDescription d) {
        try {
            producer.sendBodyAndHeaders("publish:queue:" + Queues.UNITS, d.toJson(), Map.of(
                    Queues.COMPLETIONS_PROPERTY, completions, Queues.KEY_PROPERTY, d.key(), Queues.UNIT_PROPERTY, d.unit().name()));
        } catch (RuntimeException e) {
            IllegalStateException failure = new IllegalStateException("cannot send work unit '" + d.unit().name()
                    + "' to the broker at " + url + ": " + e.getMessage(), e);
            pending.finish(d.key(), w -> w.batch().failed(w.index(), failure, 0));
        }
    }

    private void completed(String json) {
        try {
            UnitCompletion c = UnitCompletion.fromJson(json);
            if (!c.succeeded()) {
                LOG.log(System.Logger.Level.WARNING, "unit '" + c.unit() + "' failed on worker " + c.worker() + " (delivery "
                        + c.attempt() + "): " + c.error());
                pending.attemptFailed(c.key(), c.error() + " (delivery " + c.attempt() + ", worker " + c.worker() + ")");
                return;
            }
            committed(c, System.nanoTime() + ARTIFACT_VISIBILITY.toNanos());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring a message on " + completions + ": " + e.getMessage());
        }
    }

    /**
     * Gives the units waiting for a committed artifact their outcome once it is visible here. A shared file
     * system may show another machine's new directory only after a while: look again until {@code deadline}.
     */
    private void committed(UnitCompletion c, long deadline) {
        Optional<StoredArtifact> artifact = store.find(c.key());
        if (artifact.isPresent()) {
            // units that share a key ran once: as in a local run, the first computed it and the others found it
            boolean[] first = {!UnitCompletion.CACHED.equals(c.outcome())};
            pending.finish(c.key(), w -> {
                w.batch().completed(w.index(), artifact.get(), !first[0], c.seconds());
                first[0] = false;
            });
        } else if (System.nanoTime() - deadline < 0) {
            lookAgain.schedule(() -> committed(c, deadline), 500, TimeUnit.MILLISECONDS);
        } else {
            IllegalStateException missing = new IllegalStateException("worker " + c.worker() + " committed the artifact "
                    + c.key() + " of unit '" + c.unit() + "', but it is not in this run's workspace " + store.workspace()
                    + " after " + ARTIFACT_VISIBILITY.toSeconds() + " s: the run and its workers must share one workspace");
            pending.finish(c.key(), w -> w.batch().failed(w.index(), missing, c.seconds()));
        }
    }

    /** Fails the units waiting for a dead letter's key, then marks the message so that it stays in the queue unread. */
    private void deadLettered(Exchange exchange) throws InterruptedException {
        String key = exchange.getIn().getHeader(Queues.KEY_PROPERTY, String.class);
        String unit = exchange.getIn().getHeader(Queues.UNIT_PROPERTY, String.class);
        String reported = pending.lastError(key, REPORT_WAIT_MILLIS);
        String error = reported != null ? reported : "no worker reported an error; they stopped or crashed while running it";
        WorkerFailureException failure = new WorkerFailureException("failed on every delivery attempt and was moved to the "
                + "dead-letter queue " + Queues.DEAD_LETTERS + " of " + url + "; last error: " + error);
        pending.finish(key, w -> w.batch().failed(w.index(), failure, 0));
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Queues.COMPLETIONS_PROPERTY, completions);
        exchange.getIn().setHeader(Queues.KEY_PROPERTY, key);
        exchange.getIn().setHeader(Queues.UNIT_PROPERTY, unit);
        exchange.getIn().setHeader(REPORTED_PROPERTY, "true");
        exchange.getIn().setHeader(ERROR_PROPERTY, error.length() > 2000 ? error.substring(0, 2000) : error);
    }

    /** Stops waiting for a cancelled batch and takes back its units that no other batch waits for and no worker holds. */
    private void withdraw(WaitingBatch waiting) {
        List<String> orphans = pending.abandon(waiting);
        if (orphans.isEmpty()) {
            return;
        }
        int taken = 0;
        try (jakarta.jms.JMSContext context = receiving.createContext(jakarta.jms.JMSContext.AUTO_ACKNOWLEDGE)) {
            for (int from = 0; from < orphans.size(); from += 100) {
                List<String> keys = orphans.subList(from, Math.min(orphans.size(), from + 100));
                String selector = Queues.COMPLETIONS_PROPERTY + " = '" + completions + "' AND " + Queues.KEY_PROPERTY + " IN ('"
                        + String.join("','", keys) + "')";
                try (jakarta.jms.JMSConsumer consumer = context.createConsumer(context.createQueue(Queues.UNITS), selector)) {
                    // receiveNoWait may miss messages the broker has not yet offered this new consumer
                    while (consumer.receive(WITHDRAW_RECEIVE_MILLIS) != null) {
                        taken++;
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not take back the queued units of a cancelled stage: " + e.getMessage());
        }
        LOG.log(System.Logger.Level.DEBUG, "took back " + taken + " queued units of a cancelled stage");
    }

    @Override
    public void close() {
        lookAgain.shutdownNow();
        BrokerConnections.closeCamel(camel, "dispatcher", LOG);
        deleteCompletionQueue();
        sending.destroy();
        receiving.close();
    }

    /** Removes this dispatcher's completion queue, which nobody reads any more, so that queues do not pile up. */
    private void deleteCompletionQueue() {
        try {
            QueueAdmin.delete(receiving, completions);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "could not delete the queue " + completions + ": " + e.getMessage());
        }
    }
}
