package org.defrost.distributed;

import java.net.URI;
import java.util.function.Function;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.jms.connection.CachingConnectionFactory;

/** Connections to an Artemis broker, as defrost configures them. */
final class BrokerConnections {
    private BrokerConnections() {
    }

    /**
     * A connection factory for {@code url} ({@code tcp://host:port}, with any Artemis URL parameters such as
     * {@code ?user=u&password=p}). Unless the URL says otherwise, consumers take one message at a time instead of
     * buffering a window of them (so an idle worker is never starved by a busy one holding queued units), and a
     * lost connection is re-established for as long as it takes; the first connection fails at once.
     *
     * @throws IllegalArgumentException naming the URL when Artemis cannot parse it
     */
    static ActiveMQConnectionFactory factory(String url) {
        ActiveMQConnectionFactory factory;
        try {
            URI.create(url);
            factory = new ActiveMQConnectionFactory(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + url + "' is not a broker URL (e.g. tcp://host:61616): " + e.getMessage(), e);
        }
        String query = url.contains("?") ? url.substring(url.indexOf('?')) : "";
        if (!query.contains("consumerWindowSize")) {
            factory.setConsumerWindowSize(0);
        }
        if (!query.contains("reconnectAttempts")) {
            factory.setReconnectAttempts(-1);
            factory.setRetryInterval(1000);
            factory.setRetryIntervalMultiplier(2);
            factory.setMaxRetryInterval(30_000);
        }
        return factory;
    }

    /**
     * Opens and closes one connection, so that an unreachable broker is reported in one line before Camel starts
     * (whose start-up failure is a page of stack trace in the log).
     *
     * @throws BrokerUnreachableException naming the URL and the reason
     */
    static void probe(ActiveMQConnectionFactory factory, String url) throws BrokerUnreachableException {
        try (jakarta.jms.Connection c = factory.createConnection()) {
            c.getMetaData();
        } catch (jakarta.jms.JMSException | RuntimeException e) {
            throw new BrokerUnreachableException(url, e);
        }
    }

    /** Starts what uses the broker, once it answers: Camel's routes. */
    @FunctionalInterface
    interface Start {
        void run() throws Exception;
    }

    /**
     * {@link #probe}s the broker through {@code factory}, then runs {@code start}; when either fails, closes
     * {@code owner} (what was opened for the broker) before throwing.
     *
     * @param failed the exception to throw when {@code start} fails, made from its failure
     * @throws BrokerUnreachableException naming the URL when the broker cannot be reached
     */
    static void probeAndStart(ActiveMQConnectionFactory factory, String url, AutoCloseable owner, Start start,
                              Function<Exception, Exception> failed) throws Exception {
        try {
            probe(factory, url);
        } catch (BrokerUnreachableException e) {
            owner.close();
            throw e;
        }
        try {
            start.run();
        } catch (Exception e) {
            owner.close();
            throw failed.apply(e);
        }
    }

    /**
     * Stops the Camel context of the dispatcher or worker that used the broker; one that does not stop cleanly
     * is logged on {@code log} as a warning naming {@code owner} ({@code dispatcher}, {@code worker}).
     */
    static void closeCamel(CamelContext camel, String owner, System.Logger log) {
        try {
            camel.close();
        } catch (Exception e) {
            log.log(System.Logger.Level.WARNING, "the " + owner + "'s Camel context did not stop cleanly: " + e.getMessage());
        }
    }

    /** A Camel JMS component on {@code factory}. */
    static JmsComponent component(jakarta.jms.ConnectionFactory factory) {
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(factory);
        return jms;
    }

    /** A factory that keeps one connection and its sessions for sending, as a producer needs. */
    static CachingConnectionFactory caching(ActiveMQConnectionFactory factory) {
        CachingConnectionFactory caching = new CachingConnectionFactory(factory);
        caching.setCacheConsumers(false);
        caching.setSessionCacheSize(4);
        return caching;
    }
}
