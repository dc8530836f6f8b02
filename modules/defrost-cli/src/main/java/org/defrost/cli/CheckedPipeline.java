package org.defrost.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.defrost.engine.pipeline.InvalidPipelineException;
import org.defrost.engine.pipeline.ParameterOverrides;
import org.defrost.engine.pipeline.PathPolicy;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.pipeline.Problem;
import org.defrost.engine.preflight.PipelineLocations;
import org.defrost.engine.preflight.Preflight;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.engine.yaml.YamlReader;

/**
 * A pipeline file read, validated and put through the {@link Preflight} checks, as {@code validate} and
 * {@code run} do before anything runs (and {@code serve} before it queues a file).
 *
 * @param pipeline the validated pipeline
 * @param report   what the checks found; it passed
 */
record CheckedPipeline(Pipeline pipeline, Preflight.Report report) {

    /**
     * Reads and checks {@code file}; prints every problem and warning on {@code err}.
     *
     * @param threads threads the run would use, for the memory estimate
     * @return the pipeline, or null when it has problems (already printed)
     */
    static CheckedPipeline load(Path file, StageRegistry registry, PathPolicy paths, ParameterOverrides overrides,
                                int threads, PrintWriter err) {
        Pipeline pipeline;
        try {
            pipeline = new PipelineParser(registry, new YamlReader(), paths).parse(file, overrides);
        } catch (InvalidPipelineException e) {
            e.problems().forEach(p -> err.println(overrides.describe(p)));
            return null;
        }
        Preflight.Report report = new Preflight(threads, Runtime.getRuntime().maxMemory())
                .check(pipeline, PipelineLocations.of(pipeline));
        report.warnings().forEach(w -> err.println(warning(w, overrides)));
        if (!report.passed()) {
            report.errors().forEach(p -> err.println(overrides.describe(p)));
            return null;
        }
        return new CheckedPipeline(pipeline, report);
    }

    /** {@code FILE:LINE:COLUMN: warning: FIELD: MESSAGE}, the form compilers use. */
    static String warning(Problem w, ParameterOverrides overrides) {
        String text = overrides.describe(w);
        String place = w.file() + ":" + w.location() + ": ";
        return text.startsWith(place) ? place + "warning: " + text.substring(place.length()) : "warning: " + text;
    }
}
