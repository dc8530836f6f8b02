package org.defrost.cli;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * The options of every command that runs a pipeline through {@link PipelineExecution} ({@code run},
 * {@code recommend}): the metrics endpoint, how long it lingers after the run, and the broker work units may go to.
 */
final class RunOptions {
    @Mixin
    MetricsOptions metrics;

    @Mixin
    MetricsLinger linger;

    @Mixin
    BrokerOptions brokers;

    /**
     * What a command that runs a pipeline checks first: the thread count and the metrics port.
     *
     * @return the threads to use
     * @throws CommandLine.ParameterException for fewer than one thread or a port outside 0..65535
     */
    int checkedThreads(WorkspaceOptions workspace, CommandLine.Model.CommandSpec spec) {
        int threads = workspace.threads(spec);
        metrics.check(spec.commandLine());
        return threads;
    }
}
