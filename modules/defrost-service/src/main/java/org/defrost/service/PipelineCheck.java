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
import org.defrost.engine.registry.StageRegistry;
import org.defrost.engine.yaml.Location;
import org.defrost.engine.yaml.YamlReader;

/**
 * Everything a pipeline file must pass before it is queued: a regular file (not a link, not too large), UTF-8
 * text, YAML within the reader's limits, a plan of bounded size, a valid pipeline (stage types, value types and ranges, paths inside
 * the allowed roots), and a memory estimate within what the JVM may use.
 */
final class PipelineCheck {
    /** Largest file read, in bytes: the YAML reader's character limit at up to four bytes per character. */
    static final long MAX_BYTES = YamlReader.DEFAULT_MAX_CHARS * 4L;

    private final PipelineParser parser;
    private final int threads;
    private final long memoryLimit;

    /**
     * @param memoryLimit the bytes a run may use at its peak, normally {@link Runtime#maxMemory()}
     */
    PipelineCheck(StageRegistry registry, PathPolicy paths, int threads, long memoryLimit) {
        this.parser = new PipelineParser(registry, new YamlReader(), paths);
        this.threads = threads;
        this.memoryLimit = memoryLimit;
    }

    /** A validated pipeline and the memory its run needs. */
    record Checked(Pipeline pipeline, MemoryEstimate memory) {
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
            throw problem(asFile, Location.START, "cannot read the file: " + e.getMessage());
        }
        PlanSize.check(asFile, text);
        Pipeline pipeline = parser.parse(asFile, text);
        MemoryEstimate memory;
        try {
            memory = MemoryEstimate.of(pipeline, threads);
        } catch (IllegalStateException e) {
            throw problem(asFile, Location.START, e.getMessage());
        }
        if (memory.bytes() > memoryLimit) {
            int stage = memory.stageIndex();
            throw new InvalidPipelineException(List.of(new Problem(asFile, StageLocations.of(text, stage),
                    "stages[" + stage + "]", "the run needs an estimated " + memory.describe() + ", more than the "
                    + MemoryEstimate.bytes(memoryLimit) + " this JVM may use (its -Xmx); use smaller sizes"
                    + (memory.atOnce() > 1 ? ", fewer --threads" : "") + " or a larger -Xmx")));
        }
        return new Checked(pipeline, memory);
    }

    private static InvalidPipelineException problem(Path file, Location at, String message) {
        return new InvalidPipelineException(List.of(new Problem(file, at, "", message)));
    }
}
