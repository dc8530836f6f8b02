package org.defrost.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.monitoring.DefrostMetrics;
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
    RunOptions running;

    @Mixin
    OverrideOptions overrides;

    @CommandLine.Option(names = "--dry-run", description = "Check the pipeline and print the plan (stages, matrix cells, "
            + "seeds, invocations, what the workspace already holds, the memory estimate) without running anything.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = err();
        int threads = running.checkedThreads(workspace, spec);
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
        return PipelineExecution.execute(pipeline, workspace, running, spec).exitCode();
    }

    /** A path relative to the current directory when it lies below it, else absolute. */
    static String shown(Path base, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }
}
