package org.defrost.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.defrost.engine.run.RunFiles;
import org.defrost.report.FinishedRun;
import org.defrost.report.ReportGenerator;
import org.defrost.report.ReportOptions;
import org.defrost.report.UnknownRunException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code defrost report RUN_ID}: regenerates the report of a finished run from the workspace, without rerunning. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Regenerates the HTML report of a finished run from the artifacts in the workspace.",
                "Nothing is recomputed. Writes report.html, tables/*.csv and report.json into runs/RUN_ID/ and prints "
                        + "the page's path. For a run that stopped or failed, says which parts are missing."},
        footer = {"", "Exit codes: 0 success, 1 the report could not be written, 2 unknown run or invalid arguments."})
final class ReportCommand extends Subcommand {
    @Parameters(paramLabel = "RUN_ID", description = "The run's id, as printed by 'defrost run' (a directory under runs/), "
            + "or latest for the newest run.")
    String runId;

    @Mixin
    WorkspaceOption workspace;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Directory to write the report into (default: runs/RUN_ID/ in the workspace).")
    Path output;

    @Option(names = "--title", paramLabel = "TEXT",
            description = "Heading of the report (default: the run's report stage title, else the pipeline's name).")
    String title;

    @Option(names = "--no-curves", description = "Leave out the training curves of representative cells.")
    boolean noCurves;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = err();
        FinishedRun run;
        try {
            String id = RunFiles.resolveId(workspace.runs(), runId);
            run = FinishedRun.load(workspace.workspace, runId, id == null ? runId : id);
        } catch (UnknownRunException e) {
            err.println("defrost: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        if (!run.missing().isEmpty()) {
            err.println("defrost: run " + run.runDirectory().getFileName() + " did not finish; the report leaves out:");
            run.missing().forEach(line -> err.println("  " + line));
            err.flush();
        }
        ReportOptions defaults = run.options();
        ReportOptions options = new ReportOptions(title != null ? title : defaults.title(), defaults.curves() && !noCurves);
        Path page = ReportGenerator.generate(run.inputs(), options, output != null ? output : run.prepareDefaultOutput());
        out().println(page.toAbsolutePath());
        return ExitCodes.OK;
    }
}
