package org.defrost.engine.preflight;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineStage;
import org.defrost.engine.pipeline.Problem;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.ParameterType;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;

/**
 * The checks a valid pipeline passes before anything runs, the same for {@code validate}, {@code run} and
 * {@code serve}. Errors: the run needs more memory than the JVM may use; an input file given in the pipeline is
 * missing or unreadable; a stage's sizes do not fit what an earlier stage will produce (for example a target size
 * larger than the task pair's target pool, see {@link Stage#checkInputSizes}). Warnings: a matrix key that no
 * stage refers to, whose cells would repeat the same work.
 */
public final class Preflight {
    private final int threads;
    private final long memoryLimit;

    /**
     * @param threads     threads the run will use (invocations of a stage running at once)
     * @param memoryLimit bytes a run may use at its peak, normally {@link Runtime#maxMemory()}
     */
    public Preflight(int threads, long memoryLimit) {
        this.threads = threads;
        this.memoryLimit = memoryLimit;
    }

    /** What the checks found. */
    public record Report(MemoryEstimate memory, List<Problem> errors, List<Problem> warnings) {
        public boolean passed() {
            return errors.isEmpty();
        }
    }

    /**
     * Checks {@code pipeline}.
     *
     * @param where locations in the pipeline's YAML tree, for the messages
     */
    public Report check(Pipeline pipeline, PipelineLocations where) {
        Set<Problem> errors = new LinkedHashSet<>();
        Set<Problem> warnings = new LinkedHashSet<>();
        Path file = pipeline.file();
        MemoryEstimate memory = null;
        try {
            memory = MemoryEstimate.of(pipeline, threads);
            if (memory.bytes() > memoryLimit) {
                int stage = memory.stageIndex();
                errors.add(new Problem(file, where.stage(stage), "stages[" + stage + "]", "the run needs an estimated "
                        + memory.describe() + ", more than the " + MemoryEstimate.bytes(memoryLimit)
                        + " this JVM may use (its -Xmx); use smaller sizes" + (memory.atOnce() > 1 ? ", fewer --threads" : "")
                        + " or a larger -Xmx"));
            }
        } catch (IllegalStateException e) {
            errors.add(new Problem(file, where.stage(0), "", e.getMessage()));
        }
        for (PipelineStage stage : pipeline.stages()) {
            inputFiles(pipeline, stage, where, errors);
            sizes(pipeline, stage, where, errors);
        }
        Set<String> used = where.referencedMatrixKeys();
        pipeline.matrix().forEach((key, values) -> {
            if (!used.contains(key)) {
                warnings.add(new Problem(file, where.matrixKey(key), "matrix." + key, "no stage refers to matrix key '" + key
                        + "' (as \"${matrix." + key + "}\")" + (values.size() > 1 ? ", so its " + values.size()
                        + " values make cells that repeat the same work" : "")));
            }
        });
        return new Report(memory, List.copyOf(errors), List.copyOf(warnings));
    }

    /** Every path the pipeline gives must exist and be readable; defaults are the stage's business. */
    private static void inputFiles(Pipeline pipeline, PipelineStage stage, PipelineLocations where, Set<Problem> errors) {
        for (ParameterSpec spec : stage.descriptor().parameters()) {
            if (spec.type() != ParameterType.PATH || !where.isGiven(stage.index(), spec.name())) {
                continue;
            }
            Set<String> seen = new LinkedHashSet<>();
            for (Parameters p : stage.parametersByCell()) {
                String value = p.getString(spec.name());
                if (value.isBlank() || !seen.add(value)) {
                    continue;
                }
                Path path = Path.of(value);
                String problem = !Files.exists(path) ? "no such file or directory: " + path
                        : !Files.isReadable(path) ? "permission denied: " + path : null;
                if (problem != null) {
                    errors.add(new Problem(pipeline.file(), where.parameter(stage.index(), spec.name()),
                            "stages[" + stage.index() + "].with." + spec.name(), problem));
                }
            }
        }
    }

    /**
     * Each matrix cell's parameters against the sizes the producers of its inputs declare for that cell; a problem
     * found in only some cells names them.
     */
    private static void sizes(Pipeline pipeline, PipelineStage stage, PipelineLocations where, Set<Problem> errors) {
        List<Map<String, Object>> cells = pipeline.matrixCells();
        Map<Problem, List<Map<String, Object>>> found = new LinkedHashMap<>();
        for (int c = 0; c < stage.parametersByCell().size(); c++) {
            Map<String, Map<String, Long>> inputSizes = new LinkedHashMap<>();
            List<ParameterProblem> problems = new ArrayList<>();
            try {
                for (Map.Entry<String, Integer> input : stage.inputSources().entrySet()) {
                    PipelineStage producer = pipeline.stages().get(input.getValue());
                    Map<String, Long> declared = producer.implementation().outputSizes(input.getKey(),
                            producer.parametersByCell().get(c));
                    if (!declared.isEmpty()) {
                        inputSizes.put(input.getKey(), Map.copyOf(declared));
                    }
                }
                if (!inputSizes.isEmpty()) {
                    problems.addAll(stage.implementation().checkInputSizes(stage.parametersByCell().get(c), inputSizes));
                }
            } catch (RuntimeException e) {
                errors.add(new Problem(pipeline.file(), where.stage(stage.index()), "stages[" + stage.index() + "]",
                        "stage type '" + stage.type() + "' could not check the sizes of its inputs: " + e));
            }
            for (ParameterProblem p : problems) {
                found.computeIfAbsent(new Problem(pipeline.file(), where.parameter(stage.index(), p.parameter()),
                        "stages[" + stage.index() + "].with." + p.parameter(), p.message()), k -> new ArrayList<>())
                        .add(cells.get(Math.min(c, cells.size() - 1)));
            }
        }
        found.forEach((problem, inCells) -> errors.add(inCells.size() == cells.size() ? problem
                : new Problem(problem.file(), problem.location(), problem.field(), problem.message() + " (matrix "
                + (inCells.size() == 1 ? "cell " + inCells.get(0) : "cells " + inCells) + ")")));
    }
}
