package org.defrost.service;

import java.nio.file.Path;
import java.util.stream.Collectors;
import org.defrost.engine.pipeline.InvalidPipelineException;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.Problem;
import org.defrost.engine.run.Invocation;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.yaml.Location;
import org.defrost.engine.preflight.PipelineLocations;

/** The texts written beside handled files: {@code NAME.error.txt} in {@code failed/}, {@code NAME.run.txt} in {@code processed/}. */
final class Reports {
    private static final String RESUME = "Finished artifacts are kept in the workspace: dropping the file in the inbox "
            + "again runs only what is missing.";

    private Reports() {
    }

    /** Every problem of an invalid file, one per line as {@code file:line:column: field: message}, naming it where it now lies. */
    static String invalid(InvalidPipelineException e, Path failedFile) {
        return e.problems().stream()
                .map(p -> new Problem(failedFile, p.location(), p.field(), p.message()).toString())
                .collect(Collectors.joining("\n"))
                + "\n\nNothing ran. Fix the file and drop it in the inbox again.\n";
    }

    /**
     * Why a run failed: the failing stage's location, its id and type, the cell and seed, and the reason; then
     * the run id and its record.
     *
     * @param firstFailed the first invocation that failed, or null when the run failed outside any invocation
     */
    static String runFailed(Path failedFile, Pipeline pipeline, RunResult result, Invocation firstFailed) {
        String reason = result.failure() == null ? "the run " + result.status()
                : String.valueOf(result.failure().getMessage());
        String head;
        if (firstFailed != null) {
            int index = firstFailed.stage().index();
            head = new Problem(failedFile, PipelineLocations.of(pipeline).stage(index), "stages[" + index + "]", reason).toString();
        } else {
            head = new Problem(failedFile, Location.START, "", reason).toString();
        }
        return head + "\n\nRun " + result.runId() + " " + result.status() + ". Record: "
                + result.runDirectory().resolve("run.json") + "\n" + RESUME + "\n";
    }

    /** A run that could not start or finish normally (the workspace cannot be written, say). */
    static String runBroke(Path failedFile, String runId, Throwable error) {
        return new Problem(failedFile, Location.START, "", "the run " + (runId == null ? "could not start" : runId + " broke off")
                + ": " + describe(error)).toString() + "\n\n" + RESUME + "\n";
    }

    static String succeeded(RunResult result) {
        return "Run " + result.runId() + " succeeded.\nRecord: " + result.runDirectory().resolve("run.json")
                + "\nOutputs: " + result.runDirectory().resolve("outputs") + "\n";
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m;
    }
}
