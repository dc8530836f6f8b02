package org.defrost.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.defrost.engine.pipeline.InvalidPipelineException;
import org.defrost.engine.preflight.MemoryEstimate;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.UnitDispatcher;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.monitoring.DefrostMetrics;
import org.defrost.monitoring.MetricsServer;

/**
 * {@code defrost serve}: watches an inbox, validates each file dropped there, runs valid pipelines with bounded
 * concurrency on one {@link PipelineRunner}, and files every one under {@code processed/} or {@code failed/}.
 * Serves metrics and {@code /health}. {@link #stop} (SIGTERM) takes no more files, cancels the running runs
 * (they stop at their next poll, keeping finished artifacts) and leaves their files in {@code .running/}, from
 * where the next start takes them up again: their runs then compute only what is missing.
 */
public final class PipelineService implements AutoCloseable {
    /** How long {@link #stop} waits for cancelled runs to end. */
    static final Duration STOP_GRACE = Duration.ofSeconds(60);
    private static final Duration ROUTE_STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Inbox inbox;
    private final PipelineCheck check;
    private final PipelineRunner runner;
    private final MetricsServer server;
    private final ServiceMetrics counts;
    private final RunningRuns runs = new RunningRuns();
    private final ExecutorService workers;
    private final RunJob.Context jobs;
    private final Deque<AutoCloseable> opened;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private PipelineService(ServiceSettings settings, StageRegistry registry, UnitDispatcher dispatcher,
                            Deque<AutoCloseable> opened) throws Exception {
        this.opened = opened;
        this.inbox = new Inbox(settings.inbox());
        long memoryLimit = Runtime.getRuntime().maxMemory();
        this.check = new PipelineCheck(registry, settings.paths(), settings.threads(), memoryLimit);
        ArtifactStore store = new ArtifactStore(settings.workspace());
        this.runner = open(dispatcher == null ? new PipelineRunner(store, settings.threads())
                : new PipelineRunner(store, settings.threads(), dispatcher));
        runner.setDefaultTimeout(settings.stageTimeout());
        DefrostMetrics metrics = open(new DefrostMetrics(DefrostMetrics.SERVE));
        open(metrics.bindCamel(runner.camel()));
        this.counts = new ServiceMetrics(metrics.registry());
        this.server = open(MetricsServer.start(settings.metricsAddress(), settings.metricsPort(), metrics));
        AtomicInteger worker = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.concurrency(),
                r -> new Thread(r, "defrost-pipeline-" + worker.incrementAndGet()));
        opened.push(workers::shutdownNow);
        this.jobs = new RunJob.Context(inbox, runner, metrics, counts, new MemoryBudget(memoryLimit), runs);
    }

    /**
     * Starts a service: takes up the files that a stop or crash left in {@code .running/}, then watches the inbox.
     *
     * @throws IOException when the inbox or workspace cannot be created, or the metrics port cannot be bound
     */
    public static PipelineService start(ServiceSettings settings, StageRegistry registry) throws Exception {
        return start(settings, registry, null);
    }

    /**
     * Starts a service whose runs hand their work units to {@code dispatcher} (e.g. a message broker's workers)
     * instead of running them in this process; {@code null} runs them here. The caller closes the dispatcher
     * after the service has stopped.
     */
    public static PipelineService start(ServiceSettings settings, StageRegistry registry, UnitDispatcher dispatcher)
            throws Exception {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            PipelineService service = new PipelineService(settings, registry, dispatcher, opened);
            service.resumeInterrupted();
            service.runner.camel().addRoutes(new InboxRoute(settings.inbox(), settings, service::intake));
            service.counts.watching(true);
            ServiceLog.info("service-started", "inbox", settings.inbox().toAbsolutePath(),
                    "workspace", settings.workspace().toAbsolutePath(), "concurrency", settings.concurrency(),
                    "threads", settings.threads(), "stageTimeout",
                    settings.stageTimeout() == null ? "none" : DurationText.format(settings.stageTimeout()),
                    "metrics", service.server.running() ? service.server.metricsUrl() : "off");
            return service;
        } catch (Exception | Error e) {
            closeAll(opened);
            throw e;
        }
    }

    private <T extends AutoCloseable> T open(T resource) {
        opened.push(resource);
        return resource;
    }

    public Inbox inbox() {
        return inbox;
    }

    /** The port serving {@code /metrics} and {@code /health}, or 0 when off. */
    public int metricsPort() {
        return server.port();
    }

    private void resumeInterrupted() throws IOException {
        for (Ticket ticket : inbox.interrupted()) {
            counts.received();
            ServiceLog.info("file-resumed", "file", ticket.name());
            admit(ticket);
        }
    }

    /** Takes a file Camel found ready; called on Camel's polling thread, never throws. */
    private void intake(Path file) {
        if (runs.stopping()) {
            return;
        }
        try {
            inbox.claim(file).ifPresent(ticket -> {
                counts.received();
                ServiceLog.info("file-received", "file", ticket.name(), "name", ticket.originalName());
                admit(ticket);
            });
        } catch (IOException | RuntimeException e) {
            String key = file + "@" + lastModified(file);
            if (refused.add(key)) {
                ServiceLog.error("file-refused", "file", file, "error", Reports.describe(e));
            }
        }
    }

    private static String lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    /** Validates a taken file and queues it, or files it under {@code failed/} with every problem. */
    private void admit(Ticket ticket) {
        PipelineCheck.Checked checked;
        try {
            checked = check.check(ticket, inbox.directory().resolve(ticket.originalName()));
        } catch (InvalidPipelineException e) {
            ServiceLog.warn("file-invalid", "file", ticket.name(), "problems", e.problems().size(),
                    "first", e.problems().get(0).toString());
            RunJob.fail(jobs, ticket, Reports.invalid(e, inbox.failedPath(ticket)), ServiceMetrics.INVALID);
            return;
        } catch (RuntimeException | LinkageError e) {
            // A stage's own validation threw: a defect of that stage, reported against the file.
            RunJob.fail(jobs, ticket, Reports.runBroke(inbox.failedPath(ticket), null, e), ServiceMetrics.INVALID);
            return;
        }
        ServiceLog.info("file-queued", "file", ticket.name(), "pipeline", checked.pipeline().name(),
                "stages", checked.pipeline().stages().size(), "cells", checked.pipeline().matrixCells().size(),
                "seeds", checked.pipeline().seeds(), "memory", MemoryEstimate.bytes(checked.memory().bytes()));
        for (var warning : checked.warnings()) {
            ServiceLog.warn("file-warning", "file", ticket.name(), "warning", warning.toString());
        }
        counts.queued().incrementAndGet();
        try {
            workers.execute(new RunJob(jobs, ticket, checked));
        } catch (RejectedExecutionException stopping) {
            counts.queued().decrementAndGet();
        }
    }

    /**
     * Stops taking files, cancels the running runs and waits for them to end (at most {@link #STOP_GRACE}),
     * then closes everything. Files of unfinished runs stay in {@code .running/}. Idempotent; a second caller
     * waits for the first to finish.
     */
    public void stop() {
        if (!runs.stopAll()) {
            awaitStopped();
            return;
        }
        ServiceLog.info("service-stopping", "running", runs.size(), "queued", counts.queued().get());
        counts.watching(false);
        try {
            runner.camel().getRouteController().stopRoute(InboxRoute.ROUTE_ID, ROUTE_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            ServiceLog.warn("inbox-not-stopped", "error", Reports.describe(e));
        }
        jobs.memory().close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                ServiceLog.warn("runs-not-stopped", "after", DurationText.format(STOP_GRACE));
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        closeAll(opened);
        ServiceLog.info("service-stopped");
        stopped.countDown();
    }

    /** Waits until {@link #stop} has finished. */
    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                ServiceLog.warn("close-failed", "error", Reports.describe(e));
            }
        }
    }
}
