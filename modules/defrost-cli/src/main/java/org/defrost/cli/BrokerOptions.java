package org.defrost.cli;

import org.defrost.distributed.BrokerUnitDispatcher;
import org.defrost.distributed.EmbeddedBroker;
import org.defrost.engine.store.ArtifactStore;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where work units go: this process (default), a message broker, or a broker this process starts. */
final class BrokerOptions {
    @Option(names = "--broker", paramLabel = "URL",
            description = "Send work units (sweep cells) to the message broker at URL (e.g. tcp://host:61616) for "
                    + "'defrost worker' processes that share the workspace, instead of running them here.")
    String broker;

    @Option(names = "--embedded-broker", paramLabel = "HOST:PORT", arity = "0..1",
            fallbackValue = EmbeddedBroker.DEFAULT_BIND,
            description = "Start a message broker in this process (at ${FALLBACK-VALUE} unless given) and send work units "
                    + "to it, for 'defrost worker' processes on this machine or others. It stops with this process.")
    String embeddedBroker;

    /** Whether units leave this process. */
    boolean used() {
        return broker != null || embeddedBroker != null;
    }

    /** Checks the options and quietens the broker's logging when one is used. */
    void check(CommandLine commandLine) {
        if (broker != null && embeddedBroker != null) {
            throw new CommandLine.ParameterException(commandLine, "use --broker or --embedded-broker, not both");
        }
        if (used()) {
            Logging.configureBroker();
        }
    }

    /**
     * Where the work units of the runs go: the embedded broker, started if asked, and the dispatcher to the chosen
     * broker. Closing it disconnects, then stops the embedded broker.
     *
     * @param embedded   the broker this process started, or null
     * @param dispatcher the dispatcher of units to a broker, or null to run them in this process
     */
    record UnitDestination(EmbeddedBroker embedded, BrokerUnitDispatcher dispatcher) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try {
                if (dispatcher != null) {
                    dispatcher.close();
                }
            } finally {
                if (embedded != null) {
                    embedded.close();
                }
            }
        }
    }

    /** Starts the embedded broker if asked and connects to the chosen broker, if any, for runs in {@code store}. */
    UnitDestination open(ArtifactStore store, CommandLine commandLine) throws Exception {
        EmbeddedBroker embedded = startEmbedded(commandLine);
        try {
            return new UnitDestination(embedded, connect(embedded, store, commandLine));
        } catch (Exception | Error e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /** The broker to start, or null. Its journal is temporary: a rerun sends the missing units again. */
    private EmbeddedBroker startEmbedded(CommandLine commandLine) throws Exception {
        if (embeddedBroker == null) {
            return null;
        }
        return Arguments.checked(commandLine, "--embedded-broker",
                () -> EmbeddedBroker.startTemporary(embeddedBroker, EmbeddedBroker.DEFAULT_MAX_DELIVERY_ATTEMPTS));
    }

    /** The dispatcher of work units to the chosen broker, or null to run them in this process. */
    private BrokerUnitDispatcher connect(EmbeddedBroker embedded, ArtifactStore store, CommandLine commandLine) throws Exception {
        String url = embedded != null ? embedded.url() : broker;
        if (url == null) {
            return null;
        }
        BrokerUnitDispatcher dispatcher = Arguments.checked(commandLine, "--broker", () -> BrokerUnitDispatcher.connect(url, store));
        commandLine.getOut().println("Work units go to the broker at " + url + "; start workers with:");
        commandLine.getOut().println("  defrost worker --broker " + url + " --workspace " + store.workspace());
        commandLine.getOut().flush();
        return dispatcher;
    }
}
