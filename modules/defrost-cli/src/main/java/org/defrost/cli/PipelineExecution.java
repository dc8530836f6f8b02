package org.defrost.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.defrost.distributed.BrokerUnitDispatcher;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.run.Durations;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunFiles;
import org.defrost.engine.run.RunRecord;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.OsErrors;
import org.defrost.monitoring.CamelRouteMetrics;
import org.defrost.monitoring.DefrostMetrics;
import org.defrost.monitoring.MetricsServer;
import org.defrost.monitoring.RunListeners;
import org.defrost.spi.RunRecordData;
import picocli.CommandLine;

/**
 * Runs a checked pipeline the way {@code defrost run} does, for every command that runs one ({@code run},
 * {@code recommend}): Ctrl-C and SIGTERM stop it cleanly, work units go to this process or a broker, metrics are
 * served, the terminal shows progress, and at the end the results, the run record, the outputs and the report are
 * printed.
 */
final class PipelineExecution {
    private PipelineExecution() {
    }

    /**
     * How a run ended.
     *
     * @param exitCode the command's exit code ({@link ExitCodes})
     * @param result   the run's result, or null when it did not start
     */
    record Outcome(int exitCode, RunResult result) {
    }

    /** Runs {@code pipeline} (already checked) with the command's options. */
    static Outcome execute(Pipeline pipeline, WorkspaceOptions workspace, RunOptions options,
                           CommandLine.Model.CommandSpec spec) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        MetricsOptions metricsOptions = options.metrics;
        BrokerOptions brokers = options.brokers;
        brokers.check(spec.commandLine());
        Duration linger = options.linger.limit(spec.commandLine());
        ArtifactStore store = new ArtifactStore(workspace.workspace);
        RunControl control = new RunControl();
        StopSignals signals = StopSignals.install(signal -> {
            control.cancel();
            System.err.println("\ndefrost: stopping (" + ("INT".equals(signal) ? "Ctrl-C" : "SIGTERM")
                    + "); finished work is kept (waiting for running stages to stop; Ctrl-C again to end at once)");
            System.err.flush();
        });
        try (BrokerOptions.UnitDestination units = brokers.open(store, spec.commandLine())) {
            return run(pipeline, workspace, metricsOptions, store, units.dispatcher(), control, signals, linger, err);
        } finally {
            signals.uninstall();
        }
    }

    /** Runs the pipeline, its work units going to {@code dispatcher} (null: this process), until done or stopped. */
    private static Outcome run(Pipeline pipeline, WorkspaceOptions workspace, MetricsOptions metricsOptions,
                               ArtifactStore store, BrokerUnitDispatcher dispatcher, RunControl control,
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
            return new Outcome(exit, result);
        }
    }

    /** The metrics' estimate of the seconds left, NaN when it has none. */
    private static double etaSeconds(DefrostMetrics metrics) {
        var gauge = metrics.registry().find(RunCommand.ETA_GAUGE).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private static int report(RunResult r, Pipeline pipeline, ArtifactStore store, StopSignals signals) throws IOException {
        PrintStream out = System.out;
        out.println();
        ResultBlocks.print(pipeline, r.artifacts(), out);
        Path cwd = Path.of("").toAbsolutePath();
        RunRecordData record = RunRecord.read(r.runDirectory().resolve(RunFiles.RECORD));
        String took = record.seconds() == null ? "" : " in " + Durations.seconds(record.seconds());
        out.println("Run " + r.runId() + " " + r.status() + took + ". Record: " + RunCommand.shown(cwd, r.runDirectory().resolve(RunFiles.RECORD)));
        out.println("Outputs: " + RunCommand.shown(cwd, r.runDirectory().resolve(RunFiles.OUTPUTS)));
        if (Files.exists(r.reportFile())) {
            out.println("Report: " + RunCommand.shown(cwd, r.reportFile()));
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
}
