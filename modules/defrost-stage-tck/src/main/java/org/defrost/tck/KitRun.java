package org.defrost.tck;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.defrost.engine.pipeline.InvalidPipelineException;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.Json;
import org.defrost.spi.Stage;

/** Parses and runs one kit pipeline with the real engine, watching the stage under test. */
final class KitRun {
    /** Threads of every kit run: enough for invocations and units to run side by side. */
    static final int THREADS = 2;

    /**
     * What one run did.
     *
     * @param result        the engine's result; null when the stage did not stop in time after cancellation
     * @param store         the run's artifact store
     * @param observer      what the stage under test did
     * @param stoppedInTime false when the run was still going at the cancellation limit
     * @param ended         completes when the run ends, also after the kit gave up waiting for it
     */
    record Outcome(RunResult result, ArtifactStore store, RunObserver observer, boolean stoppedInTime,
                   CompletableFuture<RunResult> ended) {

        /** The invocations of the stage under test in the run record, in the order they finished. */
        List<InvocationRecord> invocations() throws IOException {
            JsonNode record = Json.MAPPER.readTree(result.runDirectory().resolve("run.json").toFile());
            List<InvocationRecord> out = new ArrayList<>();
            for (JsonNode inv : record.path("invocations")) {
                if (KitPipeline.STAGE_ID.equals(inv.path("stageId").asText())) {
                    Map<String, String> outputs = new LinkedHashMap<>();
                    inv.path("outputs").fields().forEachRemaining(e -> outputs.put(e.getKey(), e.getValue().asText()));
                    out.add(new InvocationRecord(inv.path("status").asText(), outputs, inv.path("error").asText(null)));
                }
            }
            return out;
        }
    }

    /**
     * One invocation of the stage under test as the run record lists it.
     *
     * @param status  computed, cached or failed
     * @param outputs output keys by kind
     * @param error   the failure's message, or null
     */
    record InvocationRecord(String status, Map<String, String> outputs, String error) {
    }

    private KitRun() {
    }

    /** The stages a kit pipeline may use: the stage under test (as given), its upstream and the sample stage. */
    static StageRegistry registry(Stage underTest, ContractSubject s, Map<String, List<SampleArtifact>> samples) {
        StageRegistry.Builder b = StageRegistry.builder().add(underTest, "the stage under test");
        Set<String> types = new HashSet<>(Set.of(s.type()));
        for (Upstream u : s.upstream()) {
            if (types.add(u.stage().descriptor().type())) {
                b.add(u.stage(), "an upstream stage");
            }
        }
        if (!samples.isEmpty()) {
            b.add(new SampleInputsStage(samples), "the sample artifacts");
        }
        StageRegistry registry = b.build();
        if (!registry.problems().isEmpty()) {
            throw new IllegalStateException("the kit's stages do not form a registry: " + registry.problems());
        }
        return registry;
    }

    /** Writes {@code pipeline} to {@code file} and validates it as the CLI would. */
    static Pipeline parse(StageRegistry registry, KitPipeline pipeline, Path file) throws IOException, InvalidPipelineException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, pipeline.text());
        return new PipelineParser(registry).parse(file);
    }

    /**
     * Runs the kit pipeline with {@code parameters} for the stage under test in {@code workspace}.
     *
     * @param cancel whether to cancel the run at the subject's {@link CancelAt} point and time its stop
     */
    static Outcome run(ContractSubject s, Map<String, List<SampleArtifact>> samples, Path workspace,
                       Map<String, ?> parameters, boolean cancel) throws Exception {
        RunObserver observer = new RunObserver(s.type(), cancel ? s.cancelAt() : null);
        StageRegistry registry = registry(new ObservedStage(s.stage(), observer), s, samples);
        KitPipeline text = KitPipeline.of(s.type(), s.seeds(), !samples.isEmpty(), s.upstream(), parameters);
        Pipeline pipeline;
        try {
            pipeline = parse(registry, text, workspace.resolveSibling(workspace.getFileName() + "-pipeline.yaml"));
        } catch (InvalidPipelineException e) {
            throw new AssertionError("the kit's pipeline is invalid (inputs come from upstream() or sampleArtifacts(); "
                    + "parameters from validParameters()):\n" + e.getMessage() + "\n" + text.text(), e);
        }
        ArtifactStore store = new ArtifactStore(workspace);
        PipelineRunner runner = new PipelineRunner(store, THREADS);
        if (!cancel) {
            try (runner) {
                RunResult result = runner.run(pipeline, observer, observer.control);
                return new Outcome(result, store, observer, true, CompletableFuture.completedFuture(result));
            }
        }
        CompletableFuture<RunResult> running = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                running.complete(runner.run(pipeline, observer, observer.control));
            } catch (Throwable e) {
                running.completeExceptionally(e);
            }
        }, "stage-tck-run");
        thread.setDaemon(true);
        thread.start();
        try {
            CompletableFuture.anyOf(running, observer.cancelled).join();
        } catch (CompletionException runFailed) {
            runner.close();
            throw unwrap(runFailed);
        }
        if (!observer.cancelled.isDone()) {
            runner.close();
            return new Outcome(running.get(), store, observer, true, running);
        }
        try {
            RunResult result = running.get(s.cancellationLimit().toMillis(), TimeUnit.MILLISECONDS);
            runner.close();
            return new Outcome(result, store, observer, true, running);
        } catch (TimeoutException stillRunning) {
            // Closing now would stop Camel under the running stage; close once the stage stops, if ever.
            running.whenComplete((r, e) -> runner.close());
            return new Outcome(null, store, observer, false, running);
        } catch (ExecutionException runFailed) {
            runner.close();
            throw unwrap(runFailed);
        }
    }

    private static Exception unwrap(Exception wrapper) {
        Throwable cause = wrapper.getCause();
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof Exception e ? e : wrapper;
    }
}
