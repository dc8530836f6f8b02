package org.defrost.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineStage;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.StoredArtifact;
import org.defrost.spi.ArtifactKinds;

/**
 * Runs pipelines on a Camel context. Each run becomes a route {@code direct:run-<id>}: for every stage,
 * a processor plans the stage's invocations, a parallel splitter (on a pool of {@code threads}) executes
 * them, and a check fails the route through Camel's error handling when any invocation failed. Work units
 * go to the runner's {@link UnitDispatcher}: by default the shared route {@code direct:defrost-units},
 * another parallel splitter, runs them in this process.
 */
public final class PipelineRunner implements AutoCloseable {
    static final String UNITS = "direct:defrost-units";
    /** Temporary directories older than this are leftovers of killed processes (no unit writes for a day). */
    static final java.time.Duration STALE_TEMPORARY = java.time.Duration.ofHours(24);
    private static final System.Logger LOG = System.getLogger(PipelineRunner.class.getName());
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final ArtifactStore store;
    private final int threads;
    private final CamelContext camel;
    private final ExecutorService invocationPool;
    private final ExecutorService unitPool;
    private final ProducerTemplate producer;
    private final UnitDispatcher dispatcher;
    private volatile java.time.Duration defaultTimeout;

    /**
     * Starts a Camel context for runs on {@code store} using at most {@code threads} busy threads per run,
     * running work units in this process.
     */
    public PipelineRunner(ArtifactStore store, int threads) throws Exception {
        this(store, threads, null);
    }

    /**
     * Starts a Camel context for runs on {@code store} whose work units go to {@code dispatcher} (which the
     * caller closes after this runner); {@code threads} bounds the busy threads of stage invocations.
     */
    public PipelineRunner(ArtifactStore store, int threads, UnitDispatcher dispatcher) throws Exception {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.store = store;
        this.threads = threads;
        store.removeStaleTemporary(STALE_TEMPORARY);
        this.camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("defrost");
        this.invocationPool = camel.getExecutorServiceManager().newFixedThreadPool(this, "defrost-stage", threads);
        this.unitPool = camel.getExecutorServiceManager().newFixedThreadPool(this, "defrost-unit", threads);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(UNITS).routeId("defrost-units")
                        .process(e -> e.setProperty("batch", e.getIn().getBody()))
                        .process(e -> e.getIn().setBody(indices(e.getIn().getBody(UnitBatch.class))))
                        .split(body()).parallelProcessing().executorService(unitPool)
                            .process(e -> LocalUnitStep.execute(e.getProperty("batch", UnitBatch.class),
                                    e.getIn().getBody(Integer.class)))
                        .end();
            }
        });
        camel.start();
        this.producer = camel.createProducerTemplate();
        this.dispatcher = dispatcher != null ? dispatcher : batch -> producer.requestBody(UNITS, batch);
    }

    /** Time limit for invocations of stages whose pipeline entry sets no {@code timeout}; null for none. */
    public void setDefaultTimeout(java.time.Duration limit) {
        this.defaultTimeout = limit;
    }

    public int threads() {
        return threads;
    }

    /** The Camel context, for components such as metrics that attach to it. */
    public CamelContext camel() {
        return camel;
    }

    /**
     * Runs a validated pipeline to the end (or to its first failed stage), writing its run record.
     *
     * @param control flip it to stop the run
     */
    public RunResult run(Pipeline pipeline, RunListener listener, RunControl control) throws Exception {
        String runId = LocalDateTime.now().format(ID_TIME) + "-" + HexFormat.of().formatHex(SecureRandom.getSeed(2));
        Path runDir = store.runsDirectory().resolve(runId);
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve(RunFiles.PIPELINE), pipeline.text());
        RunFiles.pointLatestAt(runDir);
        try (java.nio.channels.FileChannel alive = RunFiles.holdLock(runDir)) {
            return run(pipeline, listener, control, runId, runDir);
        }
    }

    private RunResult run(Pipeline pipeline, RunListener listener, RunControl control, String runId, Path runDir)
            throws Exception {
        RunSession session = new RunSession(runId, pipeline, store, listener, runDir.resolve(RunFiles.RECORD), control,
                threads, dispatcher, defaultTimeout);
        session.record.writeQuietly();
        int total = pipeline.stages().stream().mapToInt(s -> session.invocations(s).size()).sum();
        listener.runStarted(runId, pipeline.name(), total);
        long start = System.nanoTime();
        String routeId = "run-" + runId;
        camel.addRoutes(routeFor(session, routeId));
        Exception failure;
        try {
            Exchange result = producer.request("direct:" + routeId, e -> e.setProperty("session", session));
            failure = result.getProperty("failure", Exception.class);
            if (failure == null) {
                failure = result.getException();
            }
        } finally {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        }
        String status = failure == null ? RunRecord.SUCCEEDED : control.isCancelled() ? RunRecord.CANCELLED : RunRecord.FAILED;
        session.record.finish(status, failure == null ? null : String.valueOf(failure.getMessage()));
        Map<String, List<StoredArtifact>> artifacts = linkOutputs(session, runDir);
        listener.runFinished(runId, pipeline.name(), status, (System.nanoTime() - start) / 1e9);
        return new RunResult(runId, status, runDir, artifacts, failure);
    }

    private RouteBuilder routeFor(RunSession session, String routeId) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true)
                        .process(e -> e.setProperty("failure", e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
                RouteDefinition route = from("direct:" + routeId).routeId(routeId);
                for (PipelineStage stage : session.pipeline.stages()) {
                    route.process(e -> {
                                Wave wave = new Wave(session.invocations(stage));
                                e.setProperty("wave", wave);
                                session.listener.stageStarted(stage.id(), stage.type(), wave.invocations.size());
                                e.getIn().setBody(wave.invocations);
                            })
                            .split(body()).parallelProcessing().executorService(invocationPool)
                                .process(e -> runInvocation(session, e))
                            .end()
                            .process(e -> {
                                Wave wave = e.getProperty("wave", Wave.class);
                                if (!wave.failures.isEmpty()) {
                                    throw wave.failures.get(0);
                                }
                            });
                }
            }
        };
    }

    private static void runInvocation(RunSession session, Exchange e) {
        Wave wave = e.getProperty("wave", Wave.class);
        Invocation inv = e.getIn().getBody(Invocation.class);
        try {
            InvocationExecutor.execute(session, inv, wave.invocations.size());
        } catch (WorkFailedException failure) {
            wave.failures.add(failure);
        }
    }

    private static List<Integer> indices(UnitBatch batch) {
        return java.util.stream.IntStream.range(0, batch.size()).boxed().toList();
    }

    /**
     * Links {@code runs/<id>/outputs/<name>} to each artifact (see {@link RunFiles#outputName}), and
     * {@code runs/<id>/report.html} (with the report's {@code tables/} and {@code report.json}) to the report
     * of the run's report stage, for people browsing.
     */
    private static Map<String, List<StoredArtifact>> linkOutputs(RunSession session, Path runDir) {
        Map<String, List<StoredArtifact>> outputs = new LinkedHashMap<>();
        Path links = runDir.resolve(RunFiles.OUTPUTS);
        boolean namesCell = session.cells.size() > 1;
        for (PipelineStage stage : session.pipeline.stages()) {
            List<Invocation> invs = session.invocations(stage);
            List<Map<String, StoredArtifact>> done = session.outputsOf(stage);
            List<StoredArtifact> stored = new java.util.ArrayList<>();
            for (int i = 0; i < invs.size(); i++) {
                Invocation inv = invs.get(i);
                if (done.get(i) == null) {
                    continue;
                }
                for (StoredArtifact a : done.get(i).values()) {
                    stored.add(a);
                    String name = RunFiles.outputName(stage.id(), inv.cell(), namesCell && inv.cellIndex() >= 0,
                            session.pipeline.seeds() > 1 ? inv.seedIndex() : -1, a.kind());
                    link(links.resolve(name), a.directory());
                    if (ArtifactKinds.REPORT.equals(a.kind()) && Files.isRegularFile(a.directory().resolve(RunFiles.REPORT))) {
                        for (String file : List.of(RunFiles.REPORT, "report.json", "tables")) {
                            if (Files.exists(a.directory().resolve(file))) {
                                link(runDir.resolve(file), a.directory().resolve(file));
                            }
                        }
                    }
                }
            }
            outputs.put(stage.id(), List.copyOf(stored));
        }
        return outputs;
    }

    private static void link(Path link, Path target) {
        try {
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, link.getParent().relativize(target));
        } catch (IOException | UnsupportedOperationException ex) {
            LOG.log(System.Logger.Level.DEBUG, "no link " + link + ": " + ex.getMessage());
        }
    }

    @Override
    public void close() {
        camel.getExecutorServiceManager().shutdownNow(invocationPool);
        camel.getExecutorServiceManager().shutdownNow(unitPool);
        try {
            camel.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Camel context did not stop cleanly: " + e.getMessage());
        }
    }
}
