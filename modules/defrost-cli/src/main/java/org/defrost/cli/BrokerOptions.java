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

    /** The broker to start, or null. Its journal is temporary: a rerun sends the missing units again. */
    EmbeddedBroker startEmbedded(CommandLine commandLine) throws Exception {
        if (embeddedBroker == null) {
            return null;
        }
        return Arguments.checked(commandLine, "--embedded-broker",
                () -> EmbeddedBroker.startTemporary(embeddedBroker, EmbeddedBroker.DEFAULT_MAX_DELIVERY_ATTEMPTS));
    }

    /** The dispatcher of work units to the chosen broker, or null to run them in this process. */
    BrokerUnitDispatcher connect(EmbeddedBroker embedded, ArtifactStore store, CommandLine commandLine) throws Exception {
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
