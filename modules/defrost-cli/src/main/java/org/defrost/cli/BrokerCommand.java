package org.defrost.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.defrost.distributed.EmbeddedBroker;
import org.defrost.distributed.Queues;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code defrost broker}: an ActiveMQ Artemis broker for runs and workers, until stopped. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Runs a message broker for 'defrost run --broker' and 'defrost worker'.",
                "An ActiveMQ Artemis broker that runs until Ctrl-C or SIGTERM. It has no authentication: bind it to an "
                        + "address that only your machines can reach, or use your own Artemis broker (see "
                        + "docs/scale-out.md)."},
        footer = {"", "Exit codes: 0 stopped by SIGTERM or Ctrl-C (its normal end), 1 the broker cannot start,",
                "2 invalid arguments."})
final class BrokerCommand extends Subcommand {
    @Option(names = "--bind", paramLabel = "HOST:PORT", defaultValue = EmbeddedBroker.DEFAULT_BIND,
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0:61616 for every "
                    + "interface).")
    String bind;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "defrost-broker",
            description = "Directory of the broker's journal, which keeps queued units across restarts (default ./${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--max-delivery-attempts", paramLabel = "N", defaultValue = "" + EmbeddedBroker.DEFAULT_MAX_DELIVERY_ATTEMPTS,
            description = "Deliveries of a unit (failed runs, or workers lost while running it) before it moves to the "
                    + "dead-letter queue " + Queues.DEAD_LETTERS + " (default ${DEFAULT-VALUE}).")
    int maxDeliveryAttempts;

    @Override
    public Integer call() throws Exception {
        Logging.configureBroker();
        EmbeddedBroker broker = Arguments.checked(spec.commandLine(), "", () -> EmbeddedBroker.start(bind, data, maxDeliveryAttempts));
        CountDownLatch stopped = new CountDownLatch(1);
        StopSignals signals = StopSignals.untilStopped("defrost-broker-shutdown", () -> {
            broker.close();
            stopped.countDown();
        });
        String url = forOtherMachines(broker.url());
        System.out.println("Broker listening at " + broker.url() + "; units failing " + maxDeliveryAttempts
                + " deliveries go to the queue " + Queues.DEAD_LETTERS + ".");
        System.out.println("Run:     defrost run --broker " + url + " --workspace DIR PIPELINE");
        System.out.println("Workers: defrost worker --broker " + url + " --workspace DIR");
        System.out.flush();
        stopped.await();
        signals.uninstall();
        return ExitCodes.OK;
    }

    /** The URL with a wildcard address (every interface) replaced by this machine's name, as others reach it. */
    static String forOtherMachines(String url) {
        for (String wildcard : new String[] {"//0.0.0.0:", "//[::]:", "//[0:0:0:0:0:0:0:0]:"}) {
            if (url.contains(wildcard)) {
                try {
                    return url.replace(wildcard, "//" + InetAddress.getLocalHost().getCanonicalHostName() + ":");
                } catch (UnknownHostException e) {
                    return url;
                }
            }
        }
        return url;
    }
}
