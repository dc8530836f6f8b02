package org.defrost.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.defrost.distributed.BrokerUnitDispatcher;
import org.defrost.distributed.EmbeddedBroker;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.monitoring.CamelRouteMetrics;
import org.defrost.monitoring.DefrostMetrics;
import org.defrost.monitoring.MetricsServer;
import org.defrost.monitoring.RunListeners;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.store.ArtifactStore;
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
                        + "with more cells) computes only what is missing."},
        footer = {"", "Exit codes: 0 success, 1 run failed or stopped, 2 invalid pipeline."})
final class RunCommand implements Callable<Integer> {
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (workspace.threads() < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        CheckedPipeline checked = CheckedPipeline.load(file, Stages.registry(plugins, err), dataRoots.policyFor(file),
                overrides.parse(spec.commandLine()), workspace.threads(), err);
        if (checked == null) {
            return DefrostCommand.INVALID_INPUT;
        }
        Pipeline pipeline = checked.pipeline();
        if (dryRun) {
            DryRun.print(checked, new ArtifactStore(workspace.workspace), workspace.threads(), spec.commandLine().getOut());
            return 0;
        }
        brokers.check(spec.commandLine());
        Duration linger = metricsLinger.limit(spec.commandLine());
        ArtifactStore store = new ArtifactStore(workspace.workspace);
        // Ctrl-C waits for this, so that the run disconnects from its broker before the JVM exits
        CountDownLatch finished = new CountDownLatch(1);
        try (EmbeddedBroker embedded = brokers.startEmbedded(spec.commandLine());
             BrokerUnitDispatcher dispatcher = brokers.connect(embedded, store, spec.commandLine())) {
            return run(pipeline, store, dispatcher, finished, linger, err);
        } finally {
            finished.countDown();
        }
    }

    /**
     * Runs the pipeline, its work units going to {@code dispatcher} (null: this process), until done or Ctrl-C;
     * Ctrl-C waits up to a minute for {@code finished}.
     */
    private int run(Pipeline pipeline, ArtifactStore store, BrokerUnitDispatcher dispatcher, CountDownLatch finished,
                    Duration linger, PrintWriter err) throws Exception {
        RunControl control = new RunControl();
        Thread hook = new Thread(() -> {
            control.cancel();
            System.err.println("\ndefrost: stopping; finished work is kept (waiting for running stages to stop)");
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "defrost-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int exit;
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
            exit = report(result, pipeline, store);
            MetricsLinger.await(server, linger, control::isCancelled, System.out);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting because of Ctrl-C
        }
        return exit;
    }

    /** The metrics' estimate of the seconds left, NaN when it has none. */
    private static double etaSeconds(DefrostMetrics metrics) {
        var gauge = metrics.registry().find(ETA_GAUGE).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private int report(RunResult r, Pipeline pipeline, ArtifactStore store) throws IOException {
        var out = System.out;
        out.println();
        ResultBlocks.print(pipeline, r.outputs(), out);
        out.println("Run " + r.runId() + " " + r.status() + ". Record: " + r.runDirectory().resolve("run.json"));
        out.println("Outputs: " + r.runDirectory().resolve("outputs"));
        if (!r.succeeded()) {
            System.err.println("defrost: " + (r.failure() == null ? "run " + r.status() : r.failure().getMessage()));
            System.err.println("Every finished artifact is kept in " + store.workspace()
                    + ". To resume, run the same command again: only the missing work is computed.");
            return DefrostCommand.RUN_FAILED;
        }
        return Files.exists(r.runDirectory()) ? 0 : DefrostCommand.RUN_FAILED;
    }
}
