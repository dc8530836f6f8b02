package org.defrost.engine.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.defrost.spi.RunRecordData;

/**
 * What a run did, kept in {@code runs/<run-id>/run.json} in the schema {@link RunRecordData} and rewritten after
 * every invocation, so that a run that crashes still leaves a record of what finished. Thread-safe.
 */
public final class RunRecord {
    /** Status values. */
    public static final String RUNNING = RunRecordData.RUNNING;
    public static final String SUCCEEDED = RunRecordData.SUCCEEDED;
    public static final String FAILED = RunRecordData.FAILED;
    public static final String CANCELLED = RunRecordData.CANCELLED;
    /** Writes without null fields, so that a running run's record has no {@code finishedAt}. */
    static final ObjectMapper WRITER = Json.MAPPER.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final Path file;
    private final String runId;
    private final String pipeline;
    private final String pipelineFile;
    private final String workspace;
    private final Map<String, String> software;
    private final List<RunRecordData.PlannedStage> stages;
    private final List<RunRecordData.InvocationEntry> invocations = new ArrayList<>();
    private final Instant started = Instant.now();
    private String status = RUNNING;
    private Instant finished;
    private RunRecordData.Failure error;

    RunRecord(Path file, String runId, String pipeline, Path pipelineFile, Path workspace,
              List<RunRecordData.PlannedStage> stages) {
        this.file = file;
        this.runId = runId;
        this.pipeline = pipeline;
        this.pipelineFile = pipelineFile.toAbsolutePath().toString();
        this.workspace = workspace.toString();
        this.stages = List.copyOf(stages);
        Map<String, String> sw = new LinkedHashMap<>();
        sw.put("defrost", Versions.defrost());
        sw.put("java", System.getProperty("java.version"));
        sw.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        this.software = sw;
    }

    public Path file() {
        return file;
    }

    public synchronized String status() {
        return status;
    }

    /** The failure or stop, or null. */
    public synchronized RunRecordData.Failure error() {
        return error;
    }

    synchronized void invocation(RunRecordData.InvocationEntry entry) {
        invocations.add(entry);
        writeQuietly();
    }

    synchronized void finish(String finalStatus, String failure) {
        status = finalStatus;
        finished = Instant.now();
        error = failure == null ? null : new RunRecordData.Failure(failure);
        writeQuietly();
    }

    /** The record as it is written. */
    public synchronized RunRecordData data() {
        Double seconds = finished == null ? null
                : Math.round((finished.toEpochMilli() - started.toEpochMilli()) / 10.0) / 100.0;
        return new RunRecordData(runId, pipeline, pipelineFile, workspace, started.toString(), software, stages, status,
                finished == null ? null : finished.toString(), seconds, error, List.copyOf(invocations));
    }

    synchronized void writeQuietly() {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            WRITER.writeValue(tmp.toFile(), data());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.getLogger(RunRecord.class.getName()).log(System.Logger.Level.WARNING,
                    "could not write run record " + file + ": " + e.getMessage());
        }
    }

    /**
     * Reads a run record.
     *
     * @throws IOException when the file cannot be read or is not a run record
     */
    public static RunRecordData read(Path file) throws IOException {
        return Json.MAPPER.copy().configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                false).readValue(file.toFile(), RunRecordData.class);
    }
}
