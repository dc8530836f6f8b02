package org.defrost.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.defrost.engine.pipeline.InvalidPipelineException;
import org.defrost.engine.pipeline.PathPolicy;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.pipeline.Problem;
import org.defrost.engine.preflight.MemoryEstimate;
import org.defrost.engine.preflight.PipelineLocations;
import org.defrost.engine.preflight.Preflight;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.engine.yaml.Location;
import org.defrost.engine.yaml.YamlReader;

/**
 * Everything a pipeline file must pass before it is queued: a regular file (not a link, not too large), UTF-8
 * text, YAML within the reader's limits, a plan of bounded size, a valid pipeline (stage types, value types and ranges, paths inside
 * the allowed roots), and the {@link Preflight} checks that {@code defrost validate} and {@code run} make too.
 */
final class PipelineCheck {
    /** Largest file read, in bytes: the YAML reader's character limit at up to four bytes per character. */
    static final long MAX_BYTES = YamlReader.DEFAULT_MAX_CHARS * 4L;

    private final PipelineParser parser;
    private final Preflight preflight;

    /**
     * @param memoryLimit the bytes a run may use at its peak, normally {@link Runtime#maxMemory()}
     */
    PipelineCheck(StageRegistry registry, PathPolicy paths, int threads, long memoryLimit) {
        this.parser = new PipelineParser(registry, new YamlReader(), paths);
        this.preflight = new Preflight(threads, memoryLimit);
    }

    /** A validated pipeline, the memory its run needs, and what deserves a warning. */
    record Checked(Pipeline pipeline, MemoryEstimate memory, List<Problem> warnings) {
    }

    /**
     * Checks the file of {@code ticket} as if it were {@code asFile}: relative paths resolve against its
     * folder and problems name it.
     *
     * @throws InvalidPipelineException listing every problem found, each with its line, column and field
     */
    Checked check(Ticket ticket, Path asFile) throws InvalidPipelineException {
        Path file = ticket.file();
        if (Files.isSymbolicLink(file)) {
            throw problem(asFile, Location.START, "a symbolic link is not accepted in the inbox; copy the file instead");
        }
        String text;
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw problem(asFile, Location.START, "not a regular file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw problem(asFile, Location.START, "file has " + size + " bytes; a pipeline file is at most "
                        + YamlReader.DEFAULT_MAX_CHARS + " characters");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw problem(asFile, Location.START, "not a UTF-8 text file");
        } catch (IOException e) {
            throw problem(asFile, Location.START, "cannot read the file: " + org.defrost.engine.store.OsErrors.reason(e));
        }
        Pipeline pipeline = parser.parse(asFile, text);
        PipelineLocations where = PipelineLocations.of(pipeline);
        PlanSize.check(pipeline, where);
        Preflight.Report report = preflight.check(pipeline, where);
        if (!report.passed()) {
            throw new InvalidPipelineException(report.errors());
        }
        return new Checked(pipeline, report.memory(), report.warnings());
    }

    private static InvalidPipelineException problem(Path file, Location at, String message) {
        return new InvalidPipelineException(List.of(new Problem(file, at, "", message)));
    }
}
