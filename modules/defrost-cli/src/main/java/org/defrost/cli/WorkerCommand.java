package org.defrost.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.defrost.distributed.UnitWorker;
import org.defrost.distributed.WorkerMetrics;
import org.defrost.engine.run.CachedUnitRunner;
import org.defrost.engine.run.Durations;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.monitoring.DefrostMetrics;
import org.defrost.monitoring.MetricsServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code defrost worker --broker URL}: runs the work units that runs publish to a broker, until stopped. */
@Command(name = "worker", mixinStandardHelpOptions = true, defaultValueProvider = WorkerCommand.MetricsPortDefault.class,
        description = {"Runs the work units (sweep cells) that runs publish to a message broker.",
                "Takes the units of 'defrost run --broker' until Ctrl-C or SIGTERM. Each unit's artifact goes to the "
                        + "workspace, which must be the run's workspace (a shared directory when the run is on another "
                        + "machine)."},
        footer = {"", "Start as many workers, on as many machines, as you like: see docs/scale-out.md.",
                "Exit codes: 0 stopped by SIGTERM or Ctrl-C (its normal end), 1 the broker cannot be reached,",
                "2 invalid arguments."})
final class WorkerCommand extends Subcommand {
    /** The worker's default metrics port: one above a run's, so both fit on one machine. */
    static final int DEFAULT_METRICS_PORT = MetricsServer.DEFAULT_PORT + 1;
    /** How long a unit's inputs, which the run's machine wrote, may take to become visible in the shared workspace. */
    private static final Duration INPUT_VISIBILITY = Duration.ofSeconds(60);
    /** How long a stopping worker waits, after the grace period, to disconnect from the broker. */
    private static final long DISCONNECT_SECONDS = 10;

    @Option(names = "--broker", required = true, paramLabel = "URL",
            description = "Broker to take units from, e.g. tcp://host:61616; Artemis URL parameters are passed "
                    + "on, e.g. tcp://host:61616?user=U&password=P.")
    String broker;

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    PluginOptions plugins;

    /** The endpoint's options; {@link MetricsPortDefault} gives the port its worker default. */
    @Mixin
    MetricsOptions metricsOptions;

    @Option(names = "--stop-grace", paramLabel = "SECONDS", defaultValue = "30",
            description = "On Ctrl-C or SIGTERM, how long running units may finish before they are cancelled and "
                    + "handed back to the broker (default ${DEFAULT-VALUE}).")
    long stopGraceSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = err();
        int threads = workspace.threads(spec);
        if (stopGraceSeconds < 0) {
            throw usageError("--stop-grace must not be negative");
        }
        metricsOptions.check(spec.commandLine());
        Logging.configureBroker();
        CachedUnitRunner runner = new CachedUnitRunner(new ArtifactStore(workspace.workspace), Stages.registry(plugins, err),
                INPUT_VISIBILITY);
        CountDownLatch stopped = new CountDownLatch(1);
        try (DefrostMetrics metrics = new DefrostMetrics(DefrostMetrics.WORKER);
             MetricsServer server = metricsOptions.start(metrics, err)) {
            WorkerMetrics workerMetrics = new WorkerMetrics(metrics.registry(), threads);
            UnitWorker worker = Arguments.checked(spec.commandLine(), "",
                    () -> UnitWorker.start(broker, runner, threads, workerMetrics));
            StopSignals signals = StopSignals.untilStopped("defrost-worker-shutdown", () -> {
                System.err.println("defrost: worker stopping; running units may finish for up to "
                        + Durations.seconds(stopGraceSeconds));
                // a broker that is gone makes disconnecting wait for it: give up after a while, the broker redelivers
                Thread stopping = new Thread(() -> worker.stop(stopGraceSeconds), "defrost-worker-stop");
                stopping.setDaemon(true);
                stopping.start();
                try {
                    stopping.join(TimeUnit.SECONDS.toMillis(stopGraceSeconds + DISCONNECT_SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stopped.countDown();
            });
            System.out.println("Worker " + worker.name() + " takes work units from " + broker + ", " + threads
                    + " at a time, into the workspace " + runner.store().workspace());
            if (server.running()) {
                System.out.println("Metrics: " + server.metricsUrl());
            }
            System.out.flush();
            stopped.await();
            signals.uninstall();
        }
        return ExitCodes.OK;
    }

    /** The worker's own default of {@code --metrics-port}, {@link #DEFAULT_METRICS_PORT}; the other options keep theirs. */
    static final class MetricsPortDefault implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(CommandLine.Model.ArgSpec argument) {
            return argument instanceof CommandLine.Model.OptionSpec option && option.longestName().equals("--metrics-port")
                    ? String.valueOf(DEFAULT_METRICS_PORT) : null;
        }
    }
}
