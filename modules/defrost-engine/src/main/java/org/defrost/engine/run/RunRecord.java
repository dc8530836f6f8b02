package org.defrost.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.engine.store.Json;

/**
 * What a run did, kept in {@code runs/<run-id>/run.json} and rewritten after every invocation, so that a
 * run that crashes still leaves a record of what finished. Thread-safe.
 */
public final class RunRecord {
    /** Status values. */
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    private final Path file;
    private final Map<String, Object> head = new LinkedHashMap<>();
    private final List<Map<String, Object>> invocations = new ArrayList<>();
    private final Instant started = Instant.now();
    private String status = RUNNING;
    private Map<String, Object> error;

    RunRecord(Path file, String runId, String pipeline, Path pipelineFile, Path workspace) {
        this.file = file;
        head.put("runId", runId);
        head.put("pipeline", pipeline);
        head.put("pipelineFile", pipelineFile.toAbsolutePath().toString());
        head.put("workspace", workspace.toString());
        head.put("startedAt", started.toString());
        head.put("software", Map.of("defrost", Versions.defrost(), "java", System.getProperty("java.version"),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch")));
    }

    public Path file() {
        return file;
    }

    public synchronized String status() {
        return status;
    }

    /** The failure, or null: stage id and type, cell, seed index and message. */
    public synchronized Map<String, Object> error() {
        return error;
    }

    synchronized void invocation(Invocation inv, String outcome, double seconds, Map<String, String> outputs,
                                 Map<String, Integer> units, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("stageId", inv.stage().id());
        e.put("stageType", inv.stage().type());
        e.put("cell", inv.cell());
        e.put("seedIndex", inv.seedIndex());
        e.put("status", outcome);
        e.put("seconds", Math.round(seconds * 1000) / 1000.0);
        e.put("outputs", outputs);
        if (units != null) {
            e.put("units", units);
        }
        if (message != null) {
            e.put("error", message);
        }
        invocations.add(e);
        writeQuietly();
    }

    synchronized void finish(String finalStatus, Map<String, Object> failure) {
        status = finalStatus;
        error = failure;
        writeQuietly();
    }

    /** The record as JSON-ready maps. */
    public synchronized Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(head);
        m.put("status", status);
        if (!RUNNING.equals(status)) {
            Instant end = Instant.now();
            m.put("finishedAt", end.toString());
            m.put("seconds", Math.round((end.toEpochMilli() - started.toEpochMilli()) / 10.0) / 100.0);
        }
        if (error != null) {
            m.put("error", error);
        }
        m.put("invocations", new ArrayList<>(invocations));
        return m;
    }

    synchronized void writeQuietly() {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Json.MAPPER.writeValue(tmp.toFile(), toMap());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.getLogger(RunRecord.class.getName()).log(System.Logger.Level.WARNING,
                    "could not write run record " + file + ": " + e.getMessage());
        }
    }
}
