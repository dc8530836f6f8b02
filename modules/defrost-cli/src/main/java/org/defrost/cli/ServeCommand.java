package org.defrost.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.service.DurationText;
import org.defrost.service.PipelineService;
import org.defrost.service.ServiceSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code defrost serve}: a long-running service that runs the pipeline files dropped in an inbox folder. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Watches an inbox folder and runs each pipeline file dropped in it.",
                "",
                "A file is taken once it has stopped changing for the quiet period, then validated, queued and run. "
                        + "It then moves to processed/ (beside NAME.run.txt) or failed/ (beside NAME.error.txt, which "
                        + "names the line and field, or the failing stage and cell). A file dropped again under the same "
                        + "name is a new run. Relative paths in a file resolve against the inbox.",
                "",
                "SIGTERM or Ctrl-C stops taking files, stops the running pipelines at their next poll and exits; "
                        + "their files wait in .running/ and the next start runs them again, computing only what is "
                        + "missing.",
                "",
                "Metrics at /metrics and health at /health on --metrics-address (this machine only by default); "
                        + "the service does not start when that port is taken."},
        footer = {"", "Exit codes: 0 stopped by SIGTERM or Ctrl-C (its normal end), 1 the service could not start,",
                "2 invalid options. docs/operations.md has a systemd unit."})
final class ServeCommand extends Subcommand {
    @Option(names = "--inbox", paramLabel = "DIR", defaultValue = ServiceSettings.DEFAULT_INBOX,
            description = "Folder to watch; processed/, failed/ and .running/ are made in it (default: ${DEFAULT-VALUE}).")
    Path inbox;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1",
            description = "Pipelines run at the same time, each with --threads threads (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--stage-timeout", paramLabel = "DURATION", defaultValue = "24h",
            description = "Time limit of each stage invocation whose pipeline entry sets no timeout, e.g. 90s, 30m, 2h; "
                    + "none for no limit (default: ${DEFAULT-VALUE}).")
    String stageTimeout;

    @Option(names = "--quiet-period", paramLabel = "DURATION", defaultValue = "2s",
            description = "How long a file must have stopped changing before it is taken (default: ${DEFAULT-VALUE}).")
    String quietPeriod;

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    PluginOptions plugins;

    @Mixin
    DataRootOptions dataRoots;

    /** Unlike a run, the service does not start without the endpoint it was asked for: health checks depend on it. */
    @Mixin
    MetricsOptions metrics;

    @Mixin
    BrokerOptions brokers;

    @Override
    public Integer call() throws Exception {
        ServiceSettings settings = Arguments.checked(spec.commandLine(), "", () -> new ServiceSettings(inbox,
                workspace.workspace, concurrency, workspace.threads(), limit(stageTimeout), DurationText.parse(quietPeriod),
                ServiceSettings.DEFAULT_POLL_INTERVAL, dataRoots.policyFor(inbox.resolve("pipeline.yaml")), metrics.address,
                metrics.port));
        brokers.check(spec.commandLine());
        try (BrokerOptions.UnitDestination units = brokers.open(new ArtifactStore(settings.workspace()), spec.commandLine())) {
            PipelineService service = PipelineService.start(settings, Stages.registry(plugins, err()), units.dispatcher());
            StopSignals signals = StopSignals.untilStopped("defrost-shutdown", service::stop);
            out().println("defrost serve: watching " + settings.inbox().toAbsolutePath()
                    + (service.metricsPort() == 0 ? "" : "; metrics at http://" + metrics.address + ":"
                    + service.metricsPort() + "/metrics, health at /health") + ". Stop with SIGTERM or Ctrl-C.");
            out().flush();
            service.awaitStopped();
            signals.uninstall();
        }
        return ExitCodes.OK;
    }

    private static Duration limit(String text) {
        return text.strip().equals("none") ? null : DurationText.parse(text);
    }
}
