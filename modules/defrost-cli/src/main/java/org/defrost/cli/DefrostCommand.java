package org.defrost.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code defrost} command: dispatches to its subcommands. */
@Command(name = "defrost", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Finds how many layers of a pre-trained network to freeze, by incremental layer defrosting.",
        subcommands = {RunCommand.class, ValidateCommand.class, StagesCommand.class, ReportCommand.class, ServeCommand.class,
                SimilarityCommand.class, BenchCommand.class,
                WorkerCommand.class, BrokerCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 run failed, 2 invalid input.",
                "Environment: DEFROST_WORKSPACE (default workspace directory)."})
public final class DefrostCommand implements Runnable {
    /** Exit code of a run that failed. */
    static final int RUN_FAILED = 1;
    /** Exit code of invalid input (pipeline file, arguments). */
    static final int INVALID_INPUT = 2;

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
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("defrost: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return INVALID_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("defrost: " + ex.getMessage());
            return RUN_FAILED;
        });
        return cl;
    }
}
