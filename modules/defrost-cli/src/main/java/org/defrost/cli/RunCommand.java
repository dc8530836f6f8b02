package org.defrost.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.defrost.distributed.BrokerUnitDispatcher;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.monitoring.CamelRouteMetrics;
import org.defrost.monitoring.DefrostMetrics;
import org.defrost.monitoring.MetricsServer;
import org.defrost.monitoring.RunListeners;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.Durations;
import org.defrost.engine.run.RunFiles;
import org.defrost.engine.run.RunRecord;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.OsErrors;
import org.defrost.spi.RunRecordData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code defrost run FILE}: validates and runs one pipeline. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Validates and runs a pipeline.",
                "Before anything runs, the checks of 'defrost validate' are made: the file, the estimated memory against "
                        + "this JVM's limit, input files, sizes across stages.",
                "Finished work is kept in the workspace: running the same pipeline again (after a failure, Ctrl-C, or "
                        + "with more cells) computes only what is missing. The run's record, links to its outputs and its "
                        + "report are in runs/RUN_ID/ of the workspace (runs/latest: the newest run)."},
        footer = {"", "Exit codes: 0 success, 1 the run failed, 2 invalid pipeline or options (nothing ran),",
                "130 stopped by Ctrl-C, 143 stopped by SIGTERM (finished work is kept). A second Ctrl-C",
                "ends the process at once."})
final class RunCommand extends Subcommand {
    /** The gauge of {@link DefrostMetrics} with the estimated time to completion, which the progress display shows. */
    static final String ETA_GAUGE = "defrost.run.eta";

    @Parameters(paramLabel = "FILE", description = "Pipeline file (YAML).")
    Path file;

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    PluginOptions plugins;

    @Mixin
    DataRootOptions dataRoots;

    @Mixin
    MetricsOptions metricsOptions;

    @Mixin
    MetricsLinger metricsLinger;

    @Mixin
    BrokerOptions brokers;

    @Mixin
    OverrideOptions overrides;

    @CommandLine.Option(names = "--dry-run", description = "Check the pipeline and print the plan (stages, matrix cells, "
            + "seeds, invocations, what the workspace already holds, the memory estimate) without running anything.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = err();
        int threads = workspace.threads(spec);
        metricsOptions.check(spec.commandLine());
        CheckedPipeline checked = CheckedPipeline.load(file, Stages.registry(plugins, err), dataRoots.policyFor(file),
                overrides.parse(spec.commandLine()), threads, err);
        if (checked == null) {
            return DefrostCommand.INVALID_INPUT;
        }
        Pipeline pipeline = checked.pipeline();
        if (dryRun) {
            DryRun.print(checked, new ArtifactStore(workspace.workspace), threads, out());
            return 0;
        }
        brokers.check(spec.commandLine());
        Duration linger = metricsLinger.limit(spec.commandLine());
        ArtifactStore store = new ArtifactStore(workspace.workspace);
        RunControl control = new RunControl();
        StopSignals signals = StopSignals.install(signal -> {
            control.cancel();
            System.err.println("\ndefrost: stopping (" + ("INT".equals(signal) ? "Ctrl-C" : "SIGTERM")
                    + "); finished work is kept (waiting for running stages to stop; Ctrl-C again to end at once)");
            System.err.flush();
        });
        try (BrokerOptions.UnitDestination units = brokers.open(store, spec.commandLine())) {
            return run(pipeline, store, units.dispatcher(), control, signals, linger, err);
        } finally {
            signals.uninstall();
        }
    }

    /** Runs the pipeline, its work units going to {@code dispatcher} (null: this process), until done or stopped. */
    private int run(Pipeline pipeline, ArtifactStore store, BrokerUnitDispatcher dispatcher, RunControl control,
                    StopSignals signals, Duration linger, PrintWriter err) throws Exception {
        try (DefrostMetrics metrics = new DefrostMetrics(DefrostMetrics.RUN);
             PipelineRunner runner = new PipelineRunner(store, workspace.threads(), dispatcher);
             CamelRouteMetrics routes = metrics.bindCamel(runner.camel());
             MetricsServer server = metricsOptions.start(metrics, err);
             ProgressDisplay progress = new ProgressDisplay(System.out, System.console() != null, () -> etaSeconds(metrics))) {
            if (server.running()) {
                System.out.println("Metrics: " + server.metricsUrl());
            }
            RunResult result = runner.run(pipeline, RunListeners.compose(progress, metrics.runListener(pipeline)), control);
            progress.close();
            System.out.println(progress.summary());
            int exit = report(result, pipeline, store, signals);
            MetricsLinger.await(server, linger, control::isCancelled, System.out);
            return exit;
        }
    }

    /** The metrics' estimate of the seconds left, NaN when it has none. */
    private static double etaSeconds(DefrostMetrics metrics) {
        var gauge = metrics.registry().find(ETA_GAUGE).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private static int report(RunResult r, Pipeline pipeline, ArtifactStore store, StopSignals signals) throws IOException {
        PrintStream out = System.out;
        out.println();
        ResultBlocks.print(pipeline, r.artifacts(), out);
        Path cwd = Path.of("").toAbsolutePath();
        RunRecordData record = RunRecord.read(r.runDirectory().resolve(RunFiles.RECORD));
        String took = record.seconds() == null ? "" : " in " + Durations.seconds(record.seconds());
        out.println("Run " + r.runId() + " " + r.status() + took + ". Record: " + shown(cwd, r.runDirectory().resolve(RunFiles.RECORD)));
        out.println("Outputs: " + shown(cwd, r.runDirectory().resolve(RunFiles.OUTPUTS)));
        if (Files.exists(r.reportFile())) {
            out.println("Report: " + shown(cwd, r.reportFile()));
        }
        out.flush();
        if (r.succeeded()) {
            return ExitCodes.OK;
        }
        if (r.cancelled()) {
            System.err.println("defrost: run " + r.runId() + " stopped; finished work is kept in " + store.workspace()
                    + ". To resume, run the same command again: only the missing work is computed.");
            return signals.received() != null ? signals.exitCode() : ExitCodes.FAILED;
        }
        System.err.println("defrost: " + (r.failure() == null ? "run " + r.status() : OsErrors.describe(r.failure())));
        if (ResumeHint.helps(record)) {
            System.err.println("Finished work is kept in " + store.workspace()
                    + ": after fixing the cause, running the same command again computes only what is missing.");
        }
        return ExitCodes.FAILED;
    }

    /** A path relative to the current directory when it lies below it, else absolute. */
    static String shown(Path base, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }
}
