package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.defrost.distributed.EmbeddedBroker;
import org.defrost.distributed.Queues;
import org.defrost.engine.store.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out as users run it, on loopback: an embedded broker, {@code defrost worker} processes in their own JVMs,
 * and {@code defrost run --broker} publishing the cells of a small transfer study (the built-in stages at tiny
 * sizes) to them.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ScaleOutTest {
    /** Deterministic columns of fine-tune's cells.csv: everything but timings and throughput. */
    static final List<String> DETERMINISTIC = List.of("seed", "targetSize", "depth", "init", "testError", "testLoss",
            "validationError", "epochs", "bestEpoch", "cellKey");
    static final String SWEEP = """
            pipeline: scale-out
            seed: 11
            seeds: 2
            stages:
              - id: tasks
                uses: chmm
                with: { inputDim: 40, sourceLatentDim: 10, targetLatentDim: 10, etaF: 0.3, etaTheta: 0.3,
                        sourceTrainSize: 1500, targetPoolSize: 700, sourceTestSize: 1500, targetTestSize: 1500,
                        probeSize: 100 }
              - id: source
                uses: pretrain
                with: { hidden: [32, 32], maxEpochs: 60, patience: 10 }
              - id: defrost
                uses: incremental-defrosting
              - id: finetune
                uses: fine-tune
                with: { targetSizes: [40, 200, 500], maxEpochs: 200, patience: 50 }
            """;
    static final String POISON = """
            pipeline: poisoned
            stages:
              - id: sweep
                uses: poison-sweep
            """;
    static final String GATED = """
            pipeline: gated
            stages:
              - id: sweep
                uses: gated-sweep
                with: { gate: "%s" }
            """;

    @TempDir
    static Path shared;
    static EmbeddedBroker broker;
    static Path plugins;
    static List<String> localCells;
    final List<WorkerProcess> workers = new ArrayList<>();

    @BeforeAll
    static void startBrokerAndRunLocally() throws Exception {
        broker = EmbeddedBroker.start("127.0.0.1:" + WorkerProcess.freePort(), shared.resolve("broker"), 2);
        plugins = testPlugin(shared.resolve("plugins"));
        Files.writeString(shared.resolve("sweep.yaml"), SWEEP);
        Files.writeString(shared.resolve("poison.yaml"), POISON);
        Files.writeString(shared.resolve("gated.yaml"), GATED.formatted(shared.resolve("gate")));
        assertEquals(0, run(shared.resolve("local"), "run", "--threads", "2").code());
        System.out.println("Fine-tune in the run's process: " + fineTuneSeconds(shared.resolve("local")) + " s");
        localCells = cells(shared.resolve("local"));
        assertEquals(36, localCells.size(), "2 seeds × 3 target sizes × 3 depths × 2 initialisations");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void stopWorkers() {
        for (WorkerProcess w : workers) {
            w.close();
        }
    }

    /** A plugin directory holding the test stages {@link PoisonStage} and {@link GatedStage}, as users install one. */
    static Path testPlugin(Path dir) throws IOException {
        Path plugin = dir.resolve("scale-out-test");
        StringBuilder services = new StringBuilder();
        for (Class<?> stage : List.of(PoisonStage.class, GatedStage.class)) {
            String classFile = stage.getName().replace('.', '/') + ".class";
            Files.createDirectories(plugin.resolve(classFile).getParent());
            try (var in = stage.getClassLoader().getResourceAsStream(classFile)) {
                Files.write(plugin.resolve(classFile), in.readAllBytes());
            }
            services.append(stage.getName()).append('\n');
        }
        Files.createDirectories(plugin.resolve("META-INF/services"));
        Files.writeString(plugin.resolve("META-INF/services/org.defrost.spi.Stage"), services);
        return dir;
    }

    /** Runs {@code defrost ARGS --workspace WORKSPACE --plugins PLUGINS --metrics-port 0 FILE} in this JVM. */
    static CommandLineTest.Result run(Path workspace, String... args) {
        return run(workspace, shared.resolve("sweep.yaml"), args);
    }

    static CommandLineTest.Result run(Path workspace, Path file, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--workspace", workspace.toString(), "--plugins", plugins.toString(), "--metrics-port", "0",
                file.toString()));
        return CommandLineTest.run(all.toArray(String[]::new));
    }

    /** The run record of the only run in {@code workspace}. */
    static JsonNode record(Path workspace) throws IOException {
        try (Stream<Path> runs = Files.list(workspace.resolve("runs"))) {
            List<Path> all = runs.filter(d -> !Files.isSymbolicLink(d)).toList();
            assertEquals(1, all.size(), all.toString());
            return Json.MAPPER.readTree(all.get(0).resolve("run.json").toFile());
        }
    }

    /** The deterministic columns of the rows of fine-tune's cells.csv, in file order. */
    static List<String> cells(Path workspace) throws IOException {
        String runId = record(workspace).path("runId").asText();
        Path csv = workspace.resolve("runs").resolve(runId).resolve("outputs/finetune-transfer-results/cells.csv");
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",");
            StringBuilder row = new StringBuilder();
            for (String column : DETERMINISTIC) {
                row.append(column).append('=').append(values[header.indexOf(column)]).append(' ');
            }
            rows.add(row.toString());
        }
        return rows;
    }

    /** Starts one single-threaded worker per name on {@code workspace}, in parallel, and waits until all take units. */
    List<WorkerProcess> workers(Path workspace, String... names) throws Exception {
        List<WorkerProcess> started = new ArrayList<>();
        for (String name : names) {
            WorkerProcess w = WorkerProcess.launch(broker.url(), workspace, plugins, 1, shared.resolve(name + ".log"));
            workers.add(w);
            started.add(w);
        }
        for (WorkerProcess w : started) {
            w.awaitReady();
        }
        return started;
    }

    /**
     * A workspace holding the local run's task pairs, source networks and plans but none of its cells, so that a
     * run there recomputes exactly the fine-tune cells, from the same inputs (hence with the same keys).
     */
    static Path withLocalInputs(String name) throws IOException {
        Path workspace = shared.resolve(name);
        try (Stream<Path> artifacts = Files.list(shared.resolve("local/artifacts"))) {
            for (Path a : artifacts.toList()) {
                String kind = Json.MAPPER.readTree(a.resolve("manifest.json").toFile()).path("kind").asText();
                if (!kind.equals("transfer-cell") && !kind.equals("transfer-results")) {
                    copyTree(a, workspace.resolve("artifacts").resolve(a.getFileName()));
                }
            }
        }
        return workspace;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
    }

    /** The worker metrics that the shipped Grafana dashboard queries. */
    static Set<String> dashboardWorkerMetrics() throws IOException {
        Matcher m = Pattern.compile("defrost_worker_[a-z0-9_]+")
                .matcher(Files.readString(Path.of("../../monitoring/grafana/dashboards/defrost.json")));
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group());
        }
        assertFalse(names.isEmpty(), "the dashboard has a workers row");
        return names;
    }

    /** Seconds the fine-tune invocation took in the run of {@code workspace}, for the test's log. */
    static double fineTuneSeconds(Path workspace) throws IOException {
        for (JsonNode inv : record(workspace).path("invocations")) {
            if (inv.path("stageType").asText().equals("fine-tune")) {
                return inv.path("seconds").asDouble();
            }
        }
        return Double.NaN;
    }

    @Test
    void aSweepRunByTwoWorkerProcessesGivesTheCellsOfALocalRun() throws Exception {
        Path workspace = shared.resolve("two-workers");
        List<WorkerProcess> started = workers(workspace, "two-a", "two-b");

        CommandLineTest.Result r = run(workspace, "run", "--broker", broker.url(), "--threads", "2");

        assertEquals(0, r.code(), r.err());
        System.out.println("Fine-tune through two workers: " + fineTuneSeconds(workspace) + " s");
        assertEquals(localCells, cells(workspace));
        double computed = 0;
        for (WorkerProcess w : started) {
            String scrape = w.scrape();
            assertEquals(0, WorkerProcess.sample(scrape, "defrost_worker_busy"), scrape);
            assertEquals(1, WorkerProcess.sample(scrape, "defrost_worker_threads"), scrape);
            assertEquals(0, WorkerProcess.sample(scrape, "defrost_worker_cells_total{outcome=\"failed\"}"), scrape);
            computed += WorkerProcess.sample(scrape, "defrost_worker_cells_total{outcome=\"computed\"}");
        }
        assertEquals(30, computed, "each distinct cell computed once (at depth L both initialisations are one cell)");
        String scrape = started.get(0).scrape();
        for (String metric : dashboardWorkerMetrics()) {
            assertTrue(scrape.contains("\n" + metric), "the dashboard's workers row reads " + metric + ", which a worker "
                    + "does not publish:\n" + scrape);
        }
        JsonNode finetune = null;
        for (JsonNode inv : record(workspace).path("invocations")) {
            finetune = inv.path("stageType").asText().equals("fine-tune") ? inv : finetune;
        }
        assertEquals(36, finetune.path("units").path("planned").asInt());
        assertEquals(6, finetune.path("units").path("cached").asInt());
    }

    @Test
    void killingAWorkerMidSweepStillFinishesEveryCellExactlyOnce() throws Exception {
        Path workspace = withLocalInputs("kill");
        WorkerProcess doomed = workers(workspace, "kill-a", "kill-b").get(0);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<CommandLineTest.Result> result = background.submit(() ->
                    run(workspace, "run", "--broker", broker.url(), "--threads", "2"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String scrape = doomed.scrape();
            while (!(WorkerProcess.sample(scrape, "defrost_worker_cells_total{outcome=\"computed\"}") >= 2
                    && WorkerProcess.sample(scrape, "defrost_worker_busy") == 1)) {
                assertTrue(System.nanoTime() < deadline && !result.isDone(), "the worker never got going:\n" + doomed.output());
                Thread.sleep(20);
                scrape = doomed.scrape();
            }
            doomed.kill();
            assertFalse(result.isDone(), "the sweep was still running when the worker died");

            CommandLineTest.Result r = result.get(180, TimeUnit.SECONDS);
            assertEquals(0, r.code(), r.err());
        } finally {
            background.shutdownNow();
        }
        assertEquals(localCells, cells(workspace));
        System.out.println("Cells the surviving worker got again after the other died: "
                + workers.get(1).output().lines().filter(l -> l.contains("(delivery 2)")).toList());
    }

    @Test
    void aCellWhoseWorkerDiesIsFinishedByAnotherWorkerOnce() throws Exception {
        Path workspace = shared.resolve("gated");
        List<WorkerProcess> both = workers(workspace, "gated-a", "gated-b");
        ExecutorService background = Executors.newSingleThreadExecutor();
        WorkerProcess holder = null;
        try {
            Future<CommandLineTest.Result> result = background.submit(() ->
                    run(workspace, shared.resolve("gated.yaml"), "run", "--broker", broker.url()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (holder == null) {
                assertTrue(System.nanoTime() < deadline && !result.isDone(), "no worker took the gated cell");
                double computed = 0;
                for (WorkerProcess w : both) {
                    String scrape = w.scrape();
                    computed += WorkerProcess.sample(scrape, "defrost_worker_cells_total{outcome=\"computed\"}");
                    holder = WorkerProcess.sample(scrape, "defrost_worker_busy") == 1 ? w : holder;
                }
                holder = computed == 2 ? holder : null;
                Thread.sleep(20);
            }
            holder.kill();
            Files.writeString(shared.resolve("gate"), "open\n");

            CommandLineTest.Result r = result.get(120, TimeUnit.SECONDS);
            assertEquals(0, r.code(), r.err());
        } finally {
            background.shutdownNow();
        }
        WorkerProcess survivor = both.get(0) == holder ? both.get(1) : both.get(0);
        assertTrue(survivor.output().lines().anyMatch(l -> l.contains("unit 'gated' of run ") && l.endsWith("(delivery 2)")),
                survivor.output());
        String runId = record(workspace).path("runId").asText();
        assertEquals(List.of("free-1", "gated", "free-2"),
                Files.readAllLines(workspace.resolve("runs").resolve(runId).resolve("outputs/sweep-gated-summary/summary.txt")));
    }

    @Test
    void aPoisonedCellEndsInTheDeadLetterQueueAndTheRunReportsIt() throws Exception {
        Path workspace = shared.resolve("poison");
        workers(workspace, "poison-a");

        CommandLineTest.Result r = run(workspace, shared.resolve("poison.yaml"), "run", "--broker", broker.url());

        assertEquals(DefrostCommand.RUN_FAILED, r.code());
        JsonNode record = record(workspace);
        assertEquals("failed", record.path("status").asText());
        String error = record.path("invocations").get(0).path("error").asText();
        assertTrue(error.startsWith("1 of 3 work units failed; first: unit 'poisoned': failed on every delivery attempt"
                + " and was moved to the dead-letter queue DLQ"), error);
        assertTrue(error.contains("last error: IllegalStateException: this cell is poisoned (delivery 2, worker "), error);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url());
             JMSContext context = factory.createContext();
             JMSConsumer dead = context.createConsumer(context.createQueue(Queues.DEAD_LETTERS), "defrostUnit = 'poisoned'")) {
            Message m = dead.receive(5000);
            assertTrue(m != null, "the poisoned cell is in the dead-letter queue");
            assertTrue(m.getStringProperty("defrostError").contains("this cell is poisoned"), m.getStringProperty("defrostError"));
        }
    }
}
