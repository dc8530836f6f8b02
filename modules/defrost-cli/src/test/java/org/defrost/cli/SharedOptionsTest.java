package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.defrost.engine.store.Json;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The option classes and helpers the commands share: defaults per command, usage errors, stopping once. */
class SharedOptionsTest {

    private static <T> T parsed(String... args) {
        CommandLine.ParseResult result = DefrostCommand.commandLine().parseArgs(args);
        return result.subcommand().commandSpec().commandLine().getCommand();
    }

    @Test
    void theWorkerHasItsOwnMetricsPortDefaultAndTheRunKeepsTheEndpointDefault() {
        WorkerCommand worker = parsed("worker", "--broker", "tcp://127.0.0.1:1");
        assertEquals(WorkerCommand.DEFAULT_METRICS_PORT, worker.metricsOptions.port);
        assertEquals(org.defrost.monitoring.MetricsServer.DEFAULT_ADDRESS, worker.metricsOptions.address);
        RunCommand run = parsed("run", "pipeline.yaml");
        assertEquals(org.defrost.monitoring.MetricsServer.DEFAULT_PORT, run.running.metrics.port);
        WorkerCommand given = parsed("worker", "--broker", "tcp://127.0.0.1:1", "--metrics-port", "0");
        assertEquals(0, given.metricsOptions.port);
    }

    @Test
    void helpShowsEachCommandsMetricsPortDefault() {
        String worker = CommandLineTest.run("worker", "--help").out().replaceAll("\\s+", " ");
        assertTrue(worker.contains("(default " + WorkerCommand.DEFAULT_METRICS_PORT + "; 0 turns it off)"), worker);
        String run = CommandLineTest.run("run", "--help").out().replaceAll("\\s+", " ");
        assertTrue(run.contains("(default " + org.defrost.monitoring.MetricsServer.DEFAULT_PORT + "; 0 turns it off)"), run);
    }

    @Test
    void aWorkerMetricsPortOutOfRangeIsAUsageError() {
        CommandLineTest.Result r = CommandLineTest.run("worker", "--broker", "tcp://127.0.0.1:1", "--metrics-port", "70000");
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("--metrics-port must be between 0 (off) and 65535, was 70000"), r.err());
    }

    @Test
    void theWorkspaceOptionNamesTheRunsDirectory() {
        RunsCommand runs = parsed("runs", "--workspace", "some/where");
        assertEquals(Path.of("some/where", "runs"), runs.workspace.runs());
        GcCommand gc = parsed("gc", "--workspace", "w");
        assertEquals(Path.of("w"), gc.workspace.workspace);
    }

    @Test
    void argumentsCheckedTurnsARejectedArgumentIntoAUsageErrorNamingTheOption() throws IOException {
        CommandLine cl = DefrostCommand.commandLine();
        CommandLine.ParameterException named = assertThrows(CommandLine.ParameterException.class,
                () -> Arguments.checked(cl, "--broker", () -> {
                    throw new IllegalArgumentException("not a URL");
                }));
        assertEquals("--broker: not a URL", named.getMessage());
        assertSame(cl, named.getCommandLine());
        CommandLine.ParameterException plain = assertThrows(CommandLine.ParameterException.class,
                () -> Arguments.checked(cl, "", () -> {
                    throw new IllegalArgumentException("bad");
                }));
        assertEquals("bad", plain.getMessage());
        assertEquals("value", Arguments.checked(cl, "--x", () -> "value"));
        IOException other = new IOException("disk");
        assertSame(other, assertThrows(IOException.class, () -> Arguments.checked(cl, "--x", () -> {
            throw other;
        })));
    }

    @Test
    void aStopRunsOnceAndALaterCallWaitsUntilItHasFinished() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Runnable once = StopSignals.once(() -> {
            runs.incrementAndGet();
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread first = new Thread(once);
        first.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        CountDownLatch secondDone = new CountDownLatch(1);
        Thread second = new Thread(() -> {
            once.run();
            secondDone.countDown();
        });
        second.start();
        assertFalse(secondDone.await(200, TimeUnit.MILLISECONDS), "the second call returned while the stop was running");
        release.countDown();
        assertTrue(secondDone.await(10, TimeUnit.SECONDS));
        first.join();
        once.run();
        assertEquals(1, runs.get());
    }

    @Test
    void aRowOfRunsJsonHasTheFieldsOfItsRecordInAlphabeticalOrderAsEveryJsonMapDefrostWrites() throws Exception {
        for (Double seconds : new Double[] {12.5, null}) {
            RunsCommand.Row row = new RunsCommand.Row("20261203-r1", "sweep", "succeeded", "2026-12-03T11:00:00Z", seconds, 4, 2);
            JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(row));
            List<String> names = new ArrayList<>();
            json.fieldNames().forEachRemaining(names::add);
            assertEquals(List.of("cached", "computed", "pipeline", "runId", "seconds", "startedAt", "status"), names);
            assertEquals(2, json.get("cached").asInt());
            assertEquals(4, json.get("computed").asInt());
            assertEquals("20261203-r1", json.get("runId").asText());
            assertEquals(seconds == null, json.get("seconds").isNull());
        }
    }

    @Test
    void aUnitDestinationWithoutBrokersClosesQuietly() throws Exception {
        new BrokerOptions.UnitDestination(null, null).close();
        RunCommand run = parsed("run", "pipeline.yaml");
        try (BrokerOptions.UnitDestination units = run.running.brokers.open(null, DefrostCommand.commandLine())) {
            assertNull(units.dispatcher());
            assertNull(units.embedded());
        }
    }
}
