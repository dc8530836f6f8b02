package org.defrost.cli;

import picocli.CommandLine;

/**
 * Library calls that check a command's arguments themselves: their {@link IllegalArgumentException} becomes
 * picocli's usage error (exit code 2, the message and a hint on standard error).
 */
final class Arguments {
    private Arguments() {
    }

    /** A call that may reject its arguments with an {@link IllegalArgumentException}. */
    @FunctionalInterface
    interface Call<T, E extends Exception> {
        T get() throws E;
    }

    /**
     * The result of {@code call}; its {@link IllegalArgumentException} rethrown as a usage error of
     * {@code commandLine}, the message prefixed by {@code option + ": "} unless {@code option} is empty.
     */
    static <T, E extends Exception> T checked(CommandLine commandLine, String option, Call<T, E> call) throws E {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine,
                    option.isEmpty() ? e.getMessage() : option + ": " + e.getMessage());
        }
    }
}
