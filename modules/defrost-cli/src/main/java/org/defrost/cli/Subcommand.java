package org.defrost.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * A {@code defrost} subcommand that returns its exit code ({@link ExitCodes}): its output streams and its usage
 * errors, which picocli prints with a hint and turns into exit code 2.
 */
abstract class Subcommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Standard output of the command line (tests replace it). */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error of the command line (tests replace it). */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The error to throw for an invalid argument (exit code 2, nothing runs). */
    CommandLine.ParameterException usageError(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
