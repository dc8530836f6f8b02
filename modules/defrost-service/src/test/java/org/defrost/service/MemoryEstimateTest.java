package org.defrost.service;

import java.nio.file.Path;
import java.util.List;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.preflight.MemoryEstimate;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MemoryEstimateTest {
    private static final long MIB = 1 << 20;

    @Test
    void perSeedStageSumsItsLargestInvocationsThatRunAtOnce() throws Exception {
        Pipeline p = parse("seeds: 2\nmatrix:\n  mb: [10, 30, 20]\nstages:\n"
                + "  - id: seeds\n    uses: numbers\n    with: { mb: \"${matrix.mb}\" }\n");
        // Six invocations of 10, 10, 30, 30, 20, 20 MiB.
        assertEquals(new MemoryEstimate(30 * MIB, 0, "seeds", 1, 30 * MIB), MemoryEstimate.of(p, 1));
        assertEquals(new MemoryEstimate(80 * MIB, 0, "seeds", 3, 30 * MIB), MemoryEstimate.of(p, 3));
        assertEquals(new MemoryEstimate(120 * MIB, 0, "seeds", 6, 30 * MIB), MemoryEstimate.of(p, 64));
    }

    @Test
    void thePeakIsTheLargestStageAndEachScopeCountsItsOwnInvocations() throws Exception {
        Pipeline p = parse("seeds: 5\nmatrix:\n  mb: [100, 300]\nstages:\n"
                + "  - id: seeds\n    uses: numbers\n    with: { mb: 40 }\n"
                + "  - id: cells\n    uses: per-cell\n    with: { mb: \"${matrix.mb}\" }\n"
                + "  - id: whole\n    uses: whole\n    with: { mb: 350 }\n");
        // seeds: 10 invocations of 40 MiB; cells: 2 invocations of 100 and 300 MiB; whole: one of 350 MiB.
        assertEquals(new MemoryEstimate(350 * MIB, 2, "whole", 1, 350 * MIB), MemoryEstimate.of(p, 1));
        assertEquals(new MemoryEstimate(400 * MIB, 1, "cells", 2, 300 * MIB), MemoryEstimate.of(p, 2));
        assertEquals(new MemoryEstimate(400 * MIB, 0, "seeds", 10, 40 * MIB), MemoryEstimate.of(p, 16));
        assertEquals("400.0 MiB at stage 'cells' (2 invocations at once, up to 300.0 MiB each)", MemoryEstimate.of(p, 2).describe());
        assertEquals("350.0 MiB at stage 'whole' (1 invocation, 350.0 MiB)", MemoryEstimate.of(p, 1).describe());
    }

    @Test
    void estimatesTooLargeToAddSaturate() throws Exception {
        Pipeline p = parse("seeds: 8\nstages:\n  - id: seeds\n    uses: numbers\n    with: { mb: 1099511627776 }\n");
        assertEquals(Long.MAX_VALUE, MemoryEstimate.of(p, 8).bytes());
        assertEquals(1L << 60, MemoryEstimate.of(p, 1).bytes());
    }

    @Test
    void aPipelineOfStagesWithoutEstimatesNeedsNothing() throws Exception {
        Pipeline p = parse("stages:\n  - id: f\n    uses: flaky\n    with: { tag: t }\n");
        assertEquals(new MemoryEstimate(0, -1, null, 0, 0), MemoryEstimate.of(p, 4));
        assertEquals("negligible", MemoryEstimate.of(p, 4).describe());
    }

    @Test
    void bytesAreShownInBinaryUnits() {
        assertEquals("900 bytes", MemoryEstimate.bytes(900));
        assertEquals("1.0 KiB", MemoryEstimate.bytes(1024));
        assertEquals("1.5 GiB", MemoryEstimate.bytes(3L << 29));
        assertEquals("8.0 EiB", MemoryEstimate.bytes(Long.MAX_VALUE));
    }

    private static Pipeline parse(String body) throws Exception {
        StageRegistry registry = StageRegistry.builder().add(new TestStages.Numbers(), "test").add(new TestStages.Flaky(), "test")
                .add(new Needs("per-cell", StageScope.EACH_MATRIX_CELL), "test").add(new Needs("whole", StageScope.WHOLE_PIPELINE), "test")
                .build();
        return new PipelineParser(registry).parse(Path.of("memory.yaml"), "pipeline: memory\n" + body);
    }

    /** A stage of the given scope that needs {@code mb} MiB per invocation. */
    private record Needs(String type, StageScope scope) implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor(type, "1", "Needs memory.", List.of(ParameterSpec.integer("mb", 0, "MiB.")), List.of(),
                    List.of(type), scope);
        }

        @Override
        public long estimatedMemoryBytes(Parameters p) {
            return p.getLong("mb") * MIB;
        }

        @Override
        public void run(StageContext context) {
            throw new UnsupportedOperationException("only estimated");
        }
    }
}
