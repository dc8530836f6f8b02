package org.defrost.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.defrost.engine.run.Durations;
import org.defrost.engine.run.RunFiles;
import org.defrost.engine.run.RunRecord;
import org.defrost.engine.store.Json;
import org.defrost.spi.RunRecordData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code defrost runs}: lists the runs recorded in a workspace. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"Lists the runs recorded in the workspace, newest first.",
                "For each: id, pipeline, status, start, duration, and how many stage invocations and work units were "
                        + "computed or reused from the cache. A run recorded as running whose process is gone shows as "
                        + "'killed'."},
        footer = {"", "Exit codes: 0 success, 1 a run record cannot be read, 2 invalid arguments."})
final class RunsCommand implements Callable<Integer> {
    /** Status shown for a run recorded as running whose process no longer holds its lock. */
    static final String KILLED = "killed";

    @Option(names = "--workspace", paramLabel = "DIR", defaultValue = "${env:DEFROST_WORKSPACE:-defrost-work}",
            description = "Workspace holding artifacts and run records (default: $DEFROST_WORKSPACE or ./defrost-work).")
    Path workspace;

    @Option(names = "--json", description = "Print one JSON array of runs instead of a table.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One line of the listing. */
    record Row(String runId, String pipeline, String status, String startedAt, Double seconds, int computed, int cached) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Row> rows = rows(workspace.resolve("runs"));
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(rows.stream().map(RunsCommand::asMap).toList()));
        } else if (rows.isEmpty()) {
            out.println("No runs in " + workspace.toAbsolutePath().normalize() + ".");
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

    private static Map<String, Object> asMap(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", r.runId());
        m.put("pipeline", r.pipeline());
        m.put("status", r.status());
        m.put("startedAt", r.startedAt());
        m.put("seconds", r.seconds());
        m.put("computed", r.computed());
        m.put("cached", r.cached());
        return m;
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
