package org.defrost.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import org.defrost.engine.run.WorkspaceCollector;
import org.defrost.engine.store.ArtifactStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code defrost gc}: removes the artifacts no kept run references, and damaged copies. */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = {"Removes the artifacts that no kept run references, and the damaged copies in damaged/.",
                "A run is kept while its directory runs/RUN_ID/ exists: delete a run's directory to let go of its "
                        + "artifacts. Without --delete, only says what would be removed. Artifacts that a run still going "
                        + "may need are never removed."},
        footer = {"", "Exit codes: 0 success, 1 the workspace cannot be read or changed, 2 invalid arguments."})
final class GcCommand extends Subcommand {
    @Mixin
    WorkspaceOption workspace;

    @Option(names = "--delete", description = "Remove them (default: a dry run that lists what would go).")
    boolean delete;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        WorkspaceCollector collector = new WorkspaceCollector(new ArtifactStore(workspace.workspace));
        WorkspaceCollector.Plan plan = collector.plan();
        Map<String, long[]> byKind = new TreeMap<>();
        plan.unreferenced().forEach(e -> add(byKind, e.kind(), e.bytes()));
        plan.damaged().forEach(e -> add(byKind, "damaged/ (" + e.kind() + ")", e.bytes()));
        String verb = delete ? "Removed" : "Would remove";
        out.println(verb + " " + plan.unreferenced().size() + " artifacts no run references and " + plan.damaged().size()
                + " damaged copies, " + megabytes(plan.bytes()) + " (" + plan.keptRuns() + " runs kept):");
        byKind.forEach((kind, n) -> out.printf("  %-40s %6d  %s%n", kind, n[0], megabytes(n[1])));
        if (plan.newest() > 0) {
            out.println("Kept " + plan.newest() + " newer artifacts that a run still going may record.");
        }
        if (delete) {
            collector.delete(plan);
        } else if (plan.bytes() > 0 || !plan.unreferenced().isEmpty() || !plan.damaged().isEmpty()) {
            out.println("Nothing was removed: run 'defrost gc --delete' to remove them.");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void add(Map<String, long[]> byKind, String kind, long bytes) {
        long[] n = byKind.computeIfAbsent(kind, k -> new long[2]);
        n[0]++;
        n[1] += bytes;
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
