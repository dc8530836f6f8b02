package org.defrost.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.defrost.spi.RunInfo;
import org.defrost.spi.RunRecordData;

/**
 * How a run was made, from its record ({@code run.json}) and its pipeline file.
 *
 * @param runId        the run's id
 * @param pipeline     the pipeline's name
 * @param pipelineFile the pipeline file's path as run
 * @param pipelineText the pipeline file's text as run
 * @param startedAt    ISO-8601 start time, or empty
 * @param status       {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
 * @param seconds      the run's wall-clock duration, NaN while it runs
 * @param software     software versions by name (defrost, java, os)
 * @param invocations  the stage invocations recorded so far, in the order they finished
 */
public record Provenance(String runId, String pipeline, String pipelineFile, String pipelineText, String startedAt,
                         String status, double seconds, Map<String, String> software,
                         List<Invocation> invocations) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Pattern SEED = Pattern.compile("(?m)^seed:\\s*(-?\\d+)\\s*(#.*)?$");
    private static final Pattern SEEDS = Pattern.compile("(?m)^seeds:\\s*(\\d+)\\s*(#.*)?$");

    public Provenance {
        software = Collections.unmodifiableMap(new LinkedHashMap<>(software));
        invocations = List.copyOf(invocations);
    }

    /**
     * One finished stage invocation.
     *
     * @param stageId   the stage's id in the pipeline
     * @param stageType the stage's type
     * @param cell      its matrix cell (empty for whole-pipeline stages)
     * @param seedIndex its seed index, -1 when it spans seeds
     * @param status    {@code computed}, {@code cached} (reused from an earlier run) or {@code failed}
     * @param seconds   its wall-clock duration
     * @param outputs   artifact key by kind
     * @param units     counts of work units by status ({@code planned}, {@code computed}, {@code cached}); empty
     *                  for stages without units
     */
    public record Invocation(String stageId, String stageType, Map<String, Object> cell, int seedIndex, String status,
                             double seconds, Map<String, String> outputs, Map<String, Integer> units) {
        public Invocation {
            cell = Collections.unmodifiableMap(new LinkedHashMap<>(cell));
            outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
            units = Collections.unmodifiableMap(new LinkedHashMap<>(units));
        }
    }

    /** The provenance of the run a stage belongs to; its record lists the invocations finished so far. */
    public static Provenance of(RunInfo run) throws IOException {
        return read(run.recordFile(), run.runId(), run.pipeline(), String.valueOf(run.pipelineFile()), run.pipelineText());
    }

    /**
     * Reads a run record. Values missing from the record (an unfinished run) fall back to the arguments.
     *
     * @param recordFile   the run's {@code run.json}
     * @param pipelineText the pipeline file's text as run
     */
    public static Provenance read(Path recordFile, String runId, String pipeline, String pipelineFile,
                                  String pipelineText) throws IOException {
        RunRecordData record = Files.exists(recordFile) ? readRecord(recordFile) : null;
        if (record == null) {
            return new Provenance(runId, pipeline, pipelineFile, pipelineText, "", RunRecordData.RUNNING, Double.NaN,
                    Map.of(), List.of());
        }
        List<Invocation> invocations = new ArrayList<>();
        for (RunRecordData.InvocationEntry inv : record.invocations()) {
            Map<String, Integer> units = new LinkedHashMap<>();
            if (inv.units() != null) {
                units.put("planned", inv.units().planned());
                units.put("computed", inv.units().computed());
                units.put("cached", inv.units().cached());
            }
            invocations.add(new Invocation(inv.stageId(), inv.stageType(), inv.cell(), inv.seedIndex(), inv.status(),
                    inv.seconds(), inv.outputs(), units));
        }
        return new Provenance(or(record.runId(), runId), or(record.pipeline(), pipeline), or(record.pipelineFile(), pipelineFile),
                pipelineText, or(record.startedAt(), ""), or(record.status(), RunRecordData.RUNNING),
                record.seconds() == null ? Double.NaN : record.seconds(), record.software(), invocations);
    }

    /**
     * Reads a run record in its schema, {@link RunRecordData}; fields this version does not know are ignored.
     *
     * @throws IOException when the file cannot be read or is not a run record
     */
    public static RunRecordData readRecord(Path recordFile) throws IOException {
        return JSON.readValue(recordFile.toFile(), RunRecordData.class);
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** The pipeline's base seed ({@code seed:} at the top level of its file), or null when not given. */
    public Long baseSeed() {
        Matcher m = SEED.matcher(pipelineText);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    /** The pipeline's number of seeds ({@code seeds:} at the top level of its file), or null when not given. */
    public Integer seedCount() {
        Matcher m = SEEDS.matcher(pipelineText);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}
