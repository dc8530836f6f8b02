package org.defrost.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.defrost.distributed.BrokerUnitDispatcher;
import org.defrost.distributed.EmbeddedBroker;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunListener;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.store.ArtifactStore;

/**
 * Throughput of work units (fine-tune cells per second) through one and through two {@code defrost worker}
 * processes on this machine, next to the run's own threads. Each configuration first runs a warm-up sweep (new
 * worker JVMs compile the training kernels during it), then the measured sweep of the same size with other
 * cells. Only the fine-tune fan-out is timed: from the first unit planned to the last unit finished.
 *
 * <p>Run from the repository (the class path of the command line module and its tests goes to a file first):
 * <pre>{@code
 * mvn -B -o -q -pl modules/defrost-cli -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp-\${project.artifactId}.txt
 * cd modules/defrost-cli && java --add-modules jdk.incubator.vector \
 *     -cp target/classes:target/test-classes:$(cat /tmp/cp-defrost-cli.txt) org.defrost.cli.ScaleOutBenchmark 3 1000
 * }</pre>
 */
public final class ScaleOutBenchmark {
    private static final String SWEEP = """
            pipeline: scale-out-benchmark
            seed: 23
            seeds: 3
            stages:
              - id: tasks
                uses: chmm
                with: { inputDim: 40, sourceLatentDim: 10, targetLatentDim: 10, etaF: 0.3, etaTheta: 0.3,
                        sourceTrainSize: 1500, targetPoolSize: 700, sourceTestSize: 1500, targetTestSize: 1500,
                        probeSize: 100 }
              - id: source
                uses: pretrain
                with: { hidden: [64, 64], maxEpochs: 40, patience: 10 }
              - id: defrost
                uses: incremental-defrosting
              - id: finetune
                uses: fine-tune
                with: { targetSizes: [200, 500], maxEpochs: %d, patience: 1000, learningRate: %s }
            """;

    private ScaleOutBenchmark() {
    }

    /** Times the fan-out of one run: first unit planned to last unit finished, and the units computed. */
    static final class FanOutClock implements RunListener {
        final AtomicInteger computed = new AtomicInteger();
        volatile long firstPlanned;
        volatile long lastFinished;

        @Override
        public void unitsPlanned(String stageType, int count) {
            firstPlanned = System.nanoTime();
        }

        @Override
        public void unitFinished(String stageType, boolean cached, boolean failed, double seconds) {
            if (!cached && !failed) {
                computed.incrementAndGet();
            }
            lastFinished = System.nanoTime();
        }

        double unitsPerSecond() {
            return computed.get() / ((lastFinished - firstPlanned) / 1e9);
        }
    }

    /**
     * Arguments: {@code [repeats] [maxEpochs] [configurations]}; every cell trains {@code maxEpochs} epochs (no
     * early stopping), so the epochs set how long a cell takes; configurations are a comma-separated subset of
     * {@code local-1,local-2,workers-1,workers-2} (the run's own threads, or worker processes of one thread each).
     */
    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        List<String> configs = args.length > 2 ? List.of(args[2].split(",")) : List.of("local-1", "local-2", "workers-1", "workers-2");
        Path dir = Files.createTempDirectory("defrost-scale-out-benchmark");
        Path plugins = dir.resolve("no-plugins");
        Path pipelineFile = dir.resolve("sweep.yaml");
        StageRegistry registry = StageRegistry.builtIn();
        int[] sweep = {0};
        try (EmbeddedBroker broker = EmbeddedBroker.startTemporary("127.0.0.1:" + WorkerProcess.freePort(), 3)) {
            List<String> lines = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                for (String config : configs) {
                    Path workspace = dir.resolve(config + "-" + r);
                    ArtifactStore store = new ArtifactStore(workspace);
                    boolean remote = config.startsWith("workers");
                    int n = Integer.parseInt(config.substring(config.indexOf('-') + 1));
                    List<WorkerProcess> workers = new ArrayList<>();
                    try (BrokerUnitDispatcher dispatcher = remote ? BrokerUnitDispatcher.connect(broker.url(), store) : null;
                         PipelineRunner runner = new PipelineRunner(store, remote ? 2 : n, dispatcher)) {
                        for (int w = 0; remote && w < n; w++) {
                            workers.add(WorkerProcess.launch(broker.url(), workspace, plugins, 1,
                                    dir.resolve(config + "-" + r + "-worker" + w + ".log")));
                        }
                        for (WorkerProcess w : workers) {
                            w.awaitReady();
                        }
                        double[] rates = new double[2];
                        int units = 0;
                        for (int phase = 0; phase < 2; phase++) {
                            // a new learning rate makes every cell new while the upstream artifacts stay cached
                            Files.writeString(pipelineFile, SWEEP.formatted(epochs, String.format(Locale.ROOT, "%.6f", 0.001 + 1e-5 * sweep[0]++)));
                            FanOutClock clock = new FanOutClock();
                            RunResult result = runner.run(new PipelineParser(registry).parse(pipelineFile), clock, new RunControl());
                            if (!result.succeeded()) {
                                throw new IllegalStateException(config + ": " + result.failure().getMessage());
                            }
                            rates[phase] = clock.unitsPerSecond();
                            units = clock.computed.get();
                        }
                        String line = String.format(Locale.ROOT, "%-9s repeat %d: %d cells; warm-up %.2f cells/s, measured %.2f "
                                + "cells/s (load average %.1f)", config, r, units, rates[0], rates[1],
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                        System.out.println(line);
                        lines.add(line);
                    } finally {
                        for (WorkerProcess w : workers) {
                            w.close();
                        }
                    }
                }
            }
            System.out.println();
            lines.forEach(System.out::println);
        }
    }
}
