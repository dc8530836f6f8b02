package org.defrost.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options shared by the commands that run stages: the workspace and the threads to keep busy. */
final class WorkspaceOptions extends WorkspaceOption {
    @Option(names = "--threads", paramLabel = "N", description = "Threads to keep busy (default: the number of cores).")
    Integer threads;

    int threads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * {@link #threads()}, checked for a command that runs stages.
     *
     * @throws CommandLine.ParameterException if it is below 1
     */
    int threads(CommandLine.Model.CommandSpec spec) {
        int n = threads();
        if (n < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        return n;
    }
}
