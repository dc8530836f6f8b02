package org.defrost.cli;

import java.util.List;
import org.defrost.engine.pipeline.Suggestions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code defrost} command: dispatches to its subcommands. */
@Command(name = "defrost", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Finds how many layers of a pre-trained network to freeze, by incremental layer defrosting.",
        subcommands = {RunCommand.class, ValidateCommand.class, StagesCommand.class, ReportCommand.class, RunsCommand.class,
                GcCommand.class, ServeCommand.class,
                SimilarityCommand.class, BenchCommand.class,
                OnnxCommand.class, RecommendCommand.class,
                WorkerCommand.class, BrokerCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failed, 2 invalid input, 130/143 a run stopped by Ctrl-C/SIGTERM",
                "(serve, worker and broker exit 0 when stopped); README.md lists them per command.",
                "Environment:",
                "  DEFROST_WORKSPACE   default of --workspace (else ./defrost-work)",
                "  DEFROST_PLUGINS     default of --plugins (else ./plugins, then plugins/ beside",
                "                      the ./defrost launcher)",
                "The ./defrost launcher also reads:",
                "  JAVA_HOME           the Java that runs defrost (else java on the PATH)",
                "  DEFROST_JAVA_OPTS   extra JVM options, e.g. -Xmx16g",
                "  DEFROST_SKIP_BUILD  1: never rebuild before running"})
public final class DefrostCommand implements Runnable {
    /** Exit code of a run that failed; see {@link ExitCodes}. */
    static final int RUN_FAILED = ExitCodes.FAILED;
    /** Exit code of invalid input (pipeline file, arguments); see {@link ExitCodes}. */
    static final int INVALID_INPUT = ExitCodes.INVALID_INPUT;
    /** Options or commands offered for a mistyped one. */
    private static final int MAX_SUGGESTIONS = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.manager") == null) {
            // Keeps log handlers open while shutdown hooks run, so that a stopping service can still log.
            System.setProperty("java.util.logging.manager", "org.defrost.service.ShutdownLogManager");
        }
        Logging.configure();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new DefrostCommand());
        BenchCommand.addPassedThrough(cl.getSubcommands().get("bench"));
        cl.setUsageHelpAutoWidth(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("defrost: " + ex.getMessage());
            if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
                List<String> suggestions = suggestions(unmatched);
                if (!suggestions.isEmpty()) {
                    ex.getCommandLine().getErr().println("Did you mean " + String.join(" or ", suggestions.stream()
                            .limit(MAX_SUGGESTIONS).map(s -> "'" + s + "'").toList()) + "?");
                }
            }
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return INVALID_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("defrost: " + org.defrost.engine.store.OsErrors.describe(ex));
            return RUN_FAILED;
        });
        return cl;
    }

    /**
     * picocli's suggestions, or, for a mistyped command that picocli's similarity misses (short names such as
     * {@code rnu}), the nearest subcommand by edit distance.
     */
    private static List<String> suggestions(CommandLine.UnmatchedArgumentException unmatched) {
        List<String> picocli = unmatched.getSuggestions();
        CommandLine where = unmatched.getCommandLine();
        if (!picocli.isEmpty() || where.getSubcommands().isEmpty() || unmatched.getUnmatched().isEmpty()) {
            return picocli;
        }
        return Suggestions.closest(unmatched.getUnmatched().get(0), where.getSubcommands().keySet()).stream().toList();
    }
}
