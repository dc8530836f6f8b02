package org.defrost.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.defrost.engine.run.Durations;
import org.defrost.engine.run.RunFiles;
import org.defrost.engine.run.RunRecord;
import org.defrost.engine.store.Json;
import org.defrost.spi.RunRecordData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code defrost runs}: lists the runs recorded in a workspace. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"Lists the runs recorded in the workspace, newest first.",
                "For each: id, pipeline, status, start, duration, and how many stage invocations and work units were "
                        + "computed or reused from the cache. A run recorded as running whose process is gone shows as "
                        + "'killed'."},
        footer = {"", "Exit codes: 0 success, 1 a run record cannot be read, 2 invalid arguments."})
final class RunsCommand extends Subcommand {
    /** Status shown for a run recorded as running whose process no longer holds its lock. */
    static final String KILLED = "killed";

    @Mixin
    WorkspaceOption workspace;

    @Option(names = "--json", description = "Print one JSON array of runs instead of a table.")
    boolean json;

    /** One line of the listing; in JSON an object with these fields, in alphabetical order like every JSON map defrost writes. */
    @JsonPropertyOrder(alphabetic = true)
    record Row(String runId, String pipeline, String status, String startedAt, Double seconds, int computed, int cached) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        List<Row> rows = rows(workspace.runs());
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(rows));
        } else if (rows.isEmpty()) {
            out.println("No runs in " + workspace.workspace.toAbsolutePath().normalize() + ".");
        } else {
            String format = "%-22s %-20s %-10s %-20s %9s %9s %7s%n";
            out.printf(format, "RUN", "PIPELINE", "STATUS", "STARTED", "DURATION", "COMPUTED", "CACHED");
            for (Row r : rows) {
                out.printf(format, r.runId(), r.pipeline(), r.status(), r.startedAt().replace('T', ' ').replaceFirst("\\.\\d+Z$", "Z"),
                        r.seconds() == null ? "-" : Durations.seconds(r.seconds()), r.computed(), r.cached());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The runs of {@code runsDir}, newest first. */
    static List<Row> rows(Path runsDir) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (!Files.isDirectory(runsDir)) {
            return rows;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(runsDir)) {
            dirs = s.filter(d -> !Files.isSymbolicLink(d) && Files.isRegularFile(d.resolve(RunFiles.RECORD)))
                    .sorted((a, b) -> b.getFileName().compareTo(a.getFileName())).toList();
        }
        for (Path dir : dirs) {
            RunRecordData r = RunRecord.read(dir.resolve(RunFiles.RECORD));
            int computed = 0;
            int cached = 0;
            for (RunRecordData.InvocationEntry inv : r.invocations()) {
                computed += "computed".equals(inv.status()) ? 1 : 0;
                cached += "cached".equals(inv.status()) ? 1 : 0;
                if (inv.units() != null) {
                    computed += inv.units().computed();
                    cached += inv.units().cached();
                }
            }
            String status = RunRecordData.RUNNING.equals(r.status()) && !RunFiles.isAlive(dir) ? KILLED : r.status();
            rows.add(new Row(r.runId(), r.pipeline(), status, r.startedAt(), r.seconds(), computed, cached));
        }
        return rows;
    }
}
