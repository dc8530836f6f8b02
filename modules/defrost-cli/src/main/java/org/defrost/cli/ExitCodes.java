package org.defrost.cli;

/**
 * The exit codes of every command, as documented in README.md ("Exit codes") and in each command's help.
 * A run stopped by a signal exits with the shell's 128 + signal number, so that scripts can tell a stop from a
 * failure; the long-running commands ({@code serve}, {@code worker}, {@code broker}) treat SIGTERM and Ctrl-C as
 * their normal way to end and exit 0.
 */
final class ExitCodes {
    /** Success; for serve, worker and broker also a stop by SIGTERM or Ctrl-C. */
    static final int OK = 0;
    /** The run failed, or the command could not do its work (a report that cannot be written, a broker that cannot be reached). */
    static final int FAILED = 1;
    /** Invalid input: pipeline file, options or arguments. Nothing ran. */
    static final int INVALID_INPUT = 2;
    /** A run stopped by Ctrl-C (SIGINT); finished work is kept. */
    static final int STOPPED_BY_INTERRUPT = 130;
    /** A run stopped by SIGTERM; finished work is kept. */
    static final int STOPPED_BY_TERM = 143;

    private ExitCodes() {
    }
}
