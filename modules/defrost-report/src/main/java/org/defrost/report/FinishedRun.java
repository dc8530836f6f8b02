package org.defrost.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.defrost.spi.Parameters;
import org.defrost.spi.RunRecordData;

/**
 * A finished run found in a workspace, with what its report is made from. The workspace layout is the
 * engine's: {@code runs/<run-id>/run.json} (the run record, schema {@link RunRecordData}) and
 * {@code runs/<run-id>/pipeline.yaml}, and {@code artifacts/<key>/} holding each artifact's files and
 * {@code manifest.json}.
 *
 * @param inputs       the report's inputs
 * @param options      the options of the run's own report stage, if it had one, else the defaults
 * @param runDirectory {@code runs/<run-id>/}
 * @param missing      the parts of the run that did not finish, one line each (empty for a run that succeeded)
 */
public record FinishedRun(ReportInputs inputs, ReportOptions options, Path runDirectory, List<String> missing) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    public FinishedRun {
        missing = List.copyOf(missing);
    }

    /**
     * Where {@code defrost report} writes by default: the run's directory, {@code runs/<run-id>/}, so that
     * {@code runs/<run-id>/report.html} is the run's report whichever way it was drawn. The links a run leaves
     * there to its report stage's files ({@code report.html}, {@code report.json}, {@code tables}) are removed
     * first, so that the new report replaces them instead of writing into the stored artifact.
     */
    public Path prepareDefaultOutput() throws IOException {
        for (String name : List.of(ReportGenerator.MAIN_FILE, "report.json", "tables")) {
            Path p = runDirectory.resolve(name);
            if (Files.isSymbolicLink(p)) {
                Files.delete(p);
            }
        }
        return runDirectory;
    }

    /**
     * Finds a run and its result artifacts. When the run had a report stage, its recorded inputs and parameters
     * are used; otherwise the artifacts of the last stage that produced each kind.
     *
     * @throws UnknownRunException   when the workspace has no record of {@code runId}
     * @throws IllegalStateException when the run recorded no {@code transfer-results}
     */
    public static FinishedRun load(Path workspace, String runId) throws IOException, UnknownRunException {
        return load(workspace, runId, runId);
    }

    /**
     * As {@link #load(Path, String)}, for a run asked for by another name ({@code latest}) that was resolved to
     * {@code runId}; an unknown run is reported under {@code asked}.
     */
    public static FinishedRun load(Path workspace, String asked, String runId) throws IOException, UnknownRunException {
        Path runDir = workspace.resolve("runs").resolve(runId);
        if (!runId.matches("[A-Za-z0-9._-]+") || runId.startsWith(".") || !Files.isRegularFile(runDir.resolve("run.json"))) {
            throw new UnknownRunException(asked, workspace, recentRunIds(workspace, 5));
        }
        RunRecordData record = Provenance.readRecord(runDir.resolve("run.json"));
        List<String> missing = MissingParts.of(record);
        Path pipelineFile = runDir.resolve("pipeline.yaml");
        String pipelineText = Files.exists(pipelineFile) ? Files.readString(pipelineFile) : "";
        Provenance provenance = Provenance.read(runDir.resolve("run.json"), runId, "", pipelineFile.toString(), pipelineText);
        Path artifacts = workspace.resolve("artifacts");

        Provenance.Invocation report = null;
        for (Provenance.Invocation inv : provenance.invocations()) {
            if (inv.outputs().containsKey(ReportStage.REPORT) && ReportStage.TYPE.equals(inv.stageType())
                    && Files.isDirectory(artifacts.resolve(inv.outputs().get(ReportStage.REPORT)))) {
                report = inv;
            }
        }
        JsonNode reportManifest = report == null ? null : manifest(artifacts.resolve(report.outputs().get(ReportStage.REPORT)));
        List<ResultArtifact> transfer = results(provenance, artifacts, ReportStage.TRANSFER_RESULTS, reportManifest);
        List<ResultArtifact> similarity = results(provenance, artifacts, ReportStage.SIMILARITY_RESULTS, reportManifest);
        List<ResultArtifact> fast = results(provenance, artifacts, ReportStage.DEPTH_PREDICTION, reportManifest);
        if (transfer.isEmpty()) {
            throw new IllegalStateException("run " + runId + " recorded no transfer-results artifacts (status: "
                    + provenance.status() + "); there is nothing to report"
                    + (missing.isEmpty() ? "" : ". Missing: " + String.join("; ", missing)));
        }
        Map<String, Object> recorded = reportManifest != null && reportManifest.path("parameters").isObject()
                ? JSON.convertValue(reportManifest.path("parameters"), MAP) : Map.of();
        ReportOptions options = ReportOptions.of(Parameters.of(ReportOptions.SPECS, recorded), provenance.pipeline());
        return new FinishedRun(new ReportInputs(transfer, similarity, fast, provenance), options, runDir, missing);
    }

    /** The artifacts of one kind the report reads, each with the matrix cell of the invocation that produced it. */
    private static List<ResultArtifact> results(Provenance p, Path artifacts, String kind, JsonNode reportManifest)
            throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        if (reportManifest != null) {
            for (JsonNode in : reportManifest.path("inputs")) {
                if (kind.equals(in.path("kind").asText())) {
                    keys.add(in.path("key").asText());
                }
            }
        } else {
            String lastStage = null;
            for (Provenance.Invocation inv : p.invocations()) {
                if (inv.outputs().containsKey(kind)) {
                    lastStage = inv.stageId();
                }
            }
            for (Provenance.Invocation inv : p.invocations()) {
                if (inv.stageId().equals(lastStage) && inv.outputs().containsKey(kind)) {
                    keys.add(inv.outputs().get(kind));
                }
            }
        }
        Map<String, Map<String, Object>> cells = new LinkedHashMap<>();
        for (Provenance.Invocation inv : p.invocations()) {
            String key = inv.outputs().get(kind);
            if (key != null) {
                cells.putIfAbsent(key, inv.cell());
            }
        }
        List<ResultArtifact> out = new ArrayList<>();
        for (String key : keys) {
            Path dir = artifacts.resolve(key);
            JsonNode manifest = manifest(dir);
            Map<String, Object> metadata = new LinkedHashMap<>();
            manifest.path("metadata").properties()
                    .forEach(e -> metadata.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
            out.add(new ResultArtifact(key, cells.getOrDefault(key, Map.of()), dir, metadata));
        }
        return out;
    }

    private static JsonNode manifest(Path artifactDir) throws IOException {
        Path file = artifactDir.resolve("manifest.json");
        if (!Files.isRegularFile(file)) {
            throw new IOException("artifact " + artifactDir.getFileName() + " is missing from the workspace ("
                    + file + " not found); was the workspace cleaned?");
        }
        return JSON.readTree(file.toFile());
    }

    /** The ids of the workspace's runs that have a record, newest first (ids begin with their start time). */
    public static List<String> recentRunIds(Path workspace, int limit) throws IOException {
        Path runs = workspace.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(d -> !Files.isSymbolicLink(d) && Files.isRegularFile(d.resolve("run.json")))
                    .map(d -> d.getFileName().toString())
                    .sorted(Comparator.reverseOrder()).limit(limit).toList();
        }
    }
}
