package org.defrost.distributed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * An ActiveMQ Artemis broker inside this process, for one machine and for tests: Artemis's core protocol on
 * one TCP address, messages kept in a journal under a data directory (so queued units survive a restart),
 * no authentication. A unit that fails {@code maxDeliveryAttempts} times moves to {@link Queues#DEAD_LETTERS}.
 * Bind it to loopback unless every machine that can reach the address may use the broker.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** The default address: this machine only, Artemis's usual port. */
    public static final String DEFAULT_BIND = "127.0.0.1:61616";
    /** Delivery attempts of a unit before it goes to the dead-letter queue. */
    public static final int DEFAULT_MAX_DELIVERY_ATTEMPTS = 3;
    private static final long REDELIVERY_DELAY_MILLIS = 1000;
    private static final long JOURNAL_LOCK_MILLIS = 5000;
    /** Artemis's usual queue for expired messages; defrost's messages do not expire, but Artemis wants one. */
    private static final String EXPIRED = "ExpiryQueue";
    private final EmbeddedActiveMQ server;
    private final String url;
    /** The data directory when it is temporary, else null. */
    private final Path temporaryData;

    private EmbeddedBroker(EmbeddedActiveMQ server, String url, Path temporaryData) {
        this.server = server;
        this.url = url;
        this.temporaryData = temporaryData;
    }

    /** Starts a broker whose journal lives in a temporary directory, deleted when the broker closes. */
    public static EmbeddedBroker startTemporary(String bind, int maxDeliveryAttempts) throws Exception {
        Path data = Files.createTempDirectory("defrost-broker");
        try {
            EmbeddedBroker b = start(bind, data, maxDeliveryAttempts);
            return new EmbeddedBroker(b.server, b.url, data);
        } catch (Exception | Error e) {
            deleteTree(data);
            throw e;
        }
    }

    /**
     * Starts a broker.
     *
     * @param bind                {@code host:port} to listen on; port 0 is not supported (workers need a known port)
     * @param dataDirectory       where the journal goes (created)
     * @param maxDeliveryAttempts deliveries of a unit before it is dead-lettered, at least 1
     * @throws Exception naming the address when the broker cannot start (for example the port is taken)
     */
    public static EmbeddedBroker start(String bind, Path dataDirectory, int maxDeliveryAttempts) throws Exception {
        if (maxDeliveryAttempts < 1) {
            throw new IllegalArgumentException("max delivery attempts must be at least 1, was " + maxDeliveryAttempts);
        }
        HostPort address = HostPort.parse(bind);
        Path data = dataDirectory.toAbsolutePath().normalize();
        Files.createDirectories(data);
        Configuration config = new ConfigurationImpl()
                .setName("defrost")
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setLargeMessagesDirectory(data.resolve("large-messages").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                // a shared, busy machine must not make the broker shut itself down or refuse messages
                .setCriticalAnalyzer(false)
                .setMaxDiskUsage(-1)
                // a second broker on the same journal fails instead of waiting for the first to stop
                .setJournalLockAcquisitionTimeout(JOURNAL_LOCK_MILLIS)
                .addAcceptorConfiguration("core", "tcp://" + address.uriAuthority() + "?protocols=CORE")
                .addAddressSetting("#", new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of(Queues.DEAD_LETTERS))
                        .setExpiryAddress(SimpleString.of(EXPIRED))
                        .setMaxDeliveryAttempts(maxDeliveryAttempts)
                        .setRedeliveryDelay(REDELIVERY_DELAY_MILLIS)
                        .setAutoCreateAddresses(true)
                        .setAutoCreateQueues(true))
                .addQueueConfiguration(QueueConfiguration.of(Queues.UNITS).setRoutingType(RoutingType.ANYCAST))
                .addQueueConfiguration(QueueConfiguration.of(Queues.DEAD_LETTERS).setRoutingType(RoutingType.ANYCAST))
                .addQueueConfiguration(QueueConfiguration.of(EXPIRED).setRoutingType(RoutingType.ANYCAST));
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new Exception("cannot start a broker on " + bind + ": " + e.getMessage(), e);
        }
        if (!server.getActiveMQServer().isActive() || server.getActiveMQServer().getRemotingService().getAcceptor("core") == null
                || !server.getActiveMQServer().getRemotingService().getAcceptor("core").isStarted()) {
            stopQuietly(server);
            throw new Exception("cannot start a broker on " + bind + ": the address cannot be bound (is the port taken?)");
        }
        return new EmbeddedBroker(server, "tcp://" + address.uriAuthority(), null);
    }

    /** The URL clients connect to, e.g. {@code tcp://127.0.0.1:61616}. */
    public String url() {
        return url;
    }

    /** The journal's temporary directory, or null when the caller chose the directory. */
    Path temporaryData() {
        return temporaryData;
    }

    /** Messages now waiting in {@code queue}, or -1 when the queue does not exist. */
    public long messageCount(String queue) {
        var q = server.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return q == null ? -1 : q.getMessageCount();
    }

    @Override
    public void close() {
        stopQuietly(server);
        if (temporaryData != null) {
            deleteTree(temporaryData);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.getLogger(EmbeddedBroker.class.getName()).log(System.Logger.Level.WARNING,
                    "could not delete the broker's temporary journal " + root + ": " + e.getMessage());
        }
    }

    private static void stopQuietly(EmbeddedActiveMQ server) {
        try {
            server.stop();
        } catch (Exception e) {
            System.getLogger(EmbeddedBroker.class.getName()).log(System.Logger.Level.WARNING,
                    "the broker did not stop cleanly: " + e.getMessage());
        }
    }
}
