package org.defrost.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunListener;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.run.UnitDescription;
import org.defrost.engine.run.UnitDispatcher;
import org.defrost.engine.run.CachedUnitRunner;
import org.defrost.engine.store.ArtifactStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A run's units through an embedded broker and a worker in this JVM, on loopback. */
@Timeout(120)
class BrokerDispatchTest {
    @TempDir
    Path dir;
    EmbeddedBroker broker;
    final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void startBroker() throws Exception {
        SquareStages.reset();
        broker = EmbeddedBroker.start("127.0.0.1:" + freePort(), dir.resolve("broker"), 2);
    }

    @AfterEach
    void stopAll() {
        SquareStages.release.countDown();
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception ignored) {
                // closing everything is what matters
            }
        }
        broker.close();
        SquareStages.reset();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Counts each unit outcome the run hears, by outcome. */
    static final class Outcomes implements RunListener {
        final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        @Override
        public void unitFinished(String stageType, boolean cached, boolean failed, double seconds) {
            counts.computeIfAbsent(failed ? "failed" : cached ? "cached" : "computed", k -> new AtomicInteger()).incrementAndGet();
        }

        int get(String outcome) {
            return counts.getOrDefault(outcome, new AtomicInteger()).get();
        }
    }

    <T extends AutoCloseable> T open(T resource) {
        open.add(resource);
        return resource;
    }

    UnitWorker worker(ArtifactStore store, WorkerMetrics metrics) throws Exception {
        return open(UnitWorker.start(broker.url(), new CachedUnitRunner(store, SquareStages.registry()), 2, metrics));
    }

    RunResult run(PipelineRunner runner, int units, RunListener listener, RunControl control) throws Exception {
        Path file = dir.resolve("squares.yaml");
        Files.writeString(file, SquareStages.PIPELINE.formatted(units));
        return runner.run(new PipelineParser(SquareStages.registry()).parse(file), listener, control);
    }

    static String squares(RunResult r, int cell) throws IOException {
        return Files.readString(r.outputs().get("squares").get(cell).resolve("squares.txt"));
    }

    @Test
    void unitsRunByAWorkerGiveTheSameArtifactsAsALocalRunEachOnce() throws Exception {
        RunResult local;
        try (PipelineRunner runner = new PipelineRunner(new ArtifactStore(dir.resolve("local")), 2)) {
            local = run(runner, 6, new Outcomes(), new RunControl());
        }
        assertTrue(local.succeeded(), () -> String.valueOf(local.failure()));
        SquareStages.UNITS_RUN.set(0);

        ArtifactStore store = new ArtifactStore(dir.resolve("shared"));
        WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry(), 2);
        worker(store, metrics);
        BrokerUnitDispatcher dispatcher = open(BrokerUnitDispatcher.connect(broker.url(), store));
        PipelineRunner runner = open(new PipelineRunner(store, 2, dispatcher));
        Outcomes outcomes = new Outcomes();
        RunResult remote = run(runner, 6, outcomes, new RunControl());

        assertTrue(remote.succeeded(), () -> String.valueOf(remote.failure()));
        for (int cell = 0; cell < 2; cell++) {
            assertEquals(squares(local, cell), squares(remote, cell));
            assertEquals(local.outputs().get("squares").get(cell).getFileName(), remote.outputs().get("squares").get(cell).getFileName(),
                    "same content-addressed key");
        }
        assertEquals(12, outcomes.get("computed"));
        assertEquals(12, SquareStages.UNITS_RUN.get(), "every unit ran once, on the worker");
        assertEquals(12, metrics.finished(WorkerMetrics.COMPUTED));
        assertEquals(0, metrics.busy());

        Outcomes extended = new Outcomes();
        assertTrue(run(runner, 8, extended, new RunControl()).succeeded());
        assertEquals(12, extended.get("cached"), "a larger sweep finds the earlier units in the store");
        assertEquals(4, extended.get("computed"));
        assertEquals(16, metrics.finished(WorkerMetrics.COMPUTED), "only the new units went to the worker");
        assertEquals(0, metrics.finished(WorkerMetrics.CACHED));
    }

    @Test
    void aUnitThatAlwaysFailsIsDeadLetteredWithItsErrorAndFailsTheRun() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.resolve("shared"));
        SquareStages.FAIL_UNITS.add("b10-i1");
        WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry(), 2);
        worker(store, metrics);
        BrokerUnitDispatcher dispatcher = open(BrokerUnitDispatcher.connect(broker.url(), store));
        PipelineRunner runner = open(new PipelineRunner(store, 2, dispatcher));
        Outcomes outcomes = new Outcomes();
        RunResult r = run(runner, 3, outcomes, new RunControl());

        assertFalse(r.succeeded());
        String message = r.failure().getMessage();
        assertTrue(message.contains("unit 'b10-i1': failed on every delivery attempt and was moved to the dead-letter queue DLQ"),
                message);
        assertTrue(message.contains("IllegalStateException: unit b10-i1 is poisoned (delivery 2, worker "), message);
        assertEquals(1, outcomes.get("failed"));
        assertEquals(5, outcomes.get("computed"));
        assertEquals(2, metrics.finished(WorkerMetrics.FAILED), "the broker's two delivery attempts");

        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url());
             JMSContext context = factory.createContext();
             JMSConsumer dead = context.createConsumer(context.createQueue(Queues.DEAD_LETTERS))) {
            Message m = dead.receive(5000);
            assertEquals("b10-i1", m.getStringProperty(Queues.UNIT_PROPERTY));
            assertTrue(m.getStringProperty("defrostError").contains("unit b10-i1 is poisoned"), m.getStringProperty("defrostError"));
            assertEquals(null, dead.receiveNoWait(), "one dead letter");
        }
    }

    @Test
    void aUnitDeliveredAgainAfterItsArtifactWasCommittedIsACacheHitOnTheWorker() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.resolve("shared"));
        WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry(), 2);
        worker(store, metrics);
        BrokerUnitDispatcher dispatcher = open(BrokerUnitDispatcher.connect(broker.url(), store));
        List<UnitDescription> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        UnitDispatcher recording = batch -> {
            for (int i = 0; i < batch.size(); i++) {
                sent.add(batch.description(i));
            }
            dispatcher.dispatch(batch);
        };
        PipelineRunner runner = open(new PipelineRunner(store, 2, recording));
        assertTrue(run(runner, 2, new Outcomes(), new RunControl()).succeeded());

        UnitDescription again = sent.get(0);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url());
             JMSContext context = factory.createContext();
             JMSConsumer completions = context.createConsumer(context.createQueue("test.completions"))) {
            context.createProducer().setProperty(Queues.COMPLETIONS_PROPERTY, "test.completions")
                    .setProperty(Queues.KEY_PROPERTY, again.key())
                    .send(context.createQueue(Queues.UNITS), again.toJson());
            UnitCompletion c = UnitCompletion.fromJson(completions.receiveBody(String.class, 10_000));
            assertEquals(UnitCompletion.CACHED, c.outcome());
            assertEquals(again.key(), c.key());
            assertEquals(again.unit().name(), c.unit());
        }
        assertEquals(1, metrics.finished(WorkerMetrics.CACHED));
        assertEquals(4, metrics.finished(WorkerMetrics.COMPUTED));
    }

    @Test
    void aCancelledRunTakesBackTheUnitsStillQueued() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.resolve("shared"));
        BrokerUnitDispatcher dispatcher = open(BrokerUnitDispatcher.connect(broker.url(), store));
        PipelineRunner runner = open(new PipelineRunner(store, 2, dispatcher));
        RunControl control = new RunControl();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<RunResult> result = background.submit(() -> run(runner, 5, new Outcomes(), control));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (broker.messageCount(Queues.UNITS) < 10 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(10, broker.messageCount(Queues.UNITS), "no worker: every unit waits in the queue");
            control.cancel();
            assertEquals("cancelled", result.get(30, TimeUnit.SECONDS).status());
            assertEquals(0, broker.messageCount(Queues.UNITS));
        } finally {
            background.shutdownNow();
        }
    }
}
