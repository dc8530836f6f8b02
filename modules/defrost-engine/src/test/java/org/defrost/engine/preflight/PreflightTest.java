package org.defrost.engine.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.pipeline.Problem;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
    private static final long MIB = 1 << 20;
    private static final StageRegistry REGISTRY = StageRegistry.builder().add(new Pool(), "test").add(new Take(), "test")
            .build();

    @TempDir
    Path dir;

    @Test
    void aSizeLargerThanWhatTheProducerDeclaresIsAnErrorAtTheConsumersParameterNamingTheCell() throws Exception {
        Pipeline p = parse("""
                pipeline: sizes
                matrix:
                  rows: [100, 10]
                stages:
                  - id: pool
                    uses: pool
                    with: { rows: "${matrix.rows}" }
                  - id: take
                    uses: take
                    with: { take: 50 }
                """);
        Preflight.Report r = check(p, Long.MAX_VALUE);
        assertEquals(1, r.errors().size(), r.errors().toString());
        Problem e = r.errors().get(0);
        assertEquals("10:13", e.location().toString());
        assertEquals("stages[1].with.take", e.field());
        assertEquals("take 50 exceeds the pool of 10 rows (matrix cell {rows=10})", e.message());
        assertTrue(check(parse(p.text().replace("[100, 10]", "[100, 50]")), Long.MAX_VALUE).passed());
    }

    @Test
    void aProblemInEveryCellIsReportedOnceWithoutCells() throws Exception {
        Pipeline p = parse("""
                pipeline: sizes
                matrix:
                  mb: [0, 1]
                stages:
                  - id: pool
                    uses: pool
                    with: { rows: 50, mb: "${matrix.mb}" }
                  - id: take
                    uses: take
                    with: { take: 70 }
                """);
        List<Problem> errors = check(p, Long.MAX_VALUE).errors();
        assertEquals(List.of("take 70 exceeds the pool of 50 rows"), errors.stream().map(Problem::message).toList());
    }

    @Test
    void aRunNeedingMoreMemoryThanTheLimitIsRefusedAtTheStageWhereThePeakFalls() throws Exception {
        Pipeline p = parse("""
                pipeline: memory
                seeds: 3
                stages:
                  - id: pool
                    uses: pool
                    with: { rows: 100, mb: 40 }
                """);
        assertTrue(check(p, 120 * MIB).passed(), "3 invocations of 40 MiB fit in 120 MiB");
        Preflight.Report r = check(p, 100 * MIB);
        assertEquals(1, r.errors().size());
        assertEquals("5:5", r.errors().get(0).location().toString());
        assertTrue(r.errors().get(0).message().startsWith("the run needs an estimated 120.0 MiB at stage 'pool' (3 "
                + "invocations at once, up to 40.0 MiB each), more than the 100.0 MiB this JVM may use (its -Xmx)"),
                r.errors().get(0).message());
        assertEquals(120 * MIB, r.memory().bytes());
    }

    @Test
    void aGivenInputFileMustExistWhileAnUnusedDefaultIsNotChecked() throws Exception {
        Path data = Files.writeString(dir.resolve("data.txt"), "1\n");
        String text = """
                pipeline: files
                stages:
                  - id: pool
                    uses: pool
                    with: { rows: 10, data: DATA }
                """;
        assertTrue(check(parse(text.replace("DATA", data.toString())), Long.MAX_VALUE).passed());
        assertTrue(check(parse(text.replace(", data: DATA", "")), Long.MAX_VALUE).passed(), "the default is not checked");
        Preflight.Report r = check(parse(text.replace("DATA", dir.resolve("missing.txt").toString())), Long.MAX_VALUE);
        assertEquals(1, r.errors().size());
        assertEquals("stages[0].with.data", r.errors().get(0).field());
        assertEquals("no such file or directory: " + dir.resolve("missing.txt"), r.errors().get(0).message());
    }

    @Test
    void aMatrixKeyThatNoStageUsesIsAWarningAtTheKey() throws Exception {
        Pipeline p = parse("""
                pipeline: unused
                matrix:
                  rows: [10, 20]
                  forgotten: [a, b, c]
                stages:
                  - id: pool
                    uses: pool
                    with: { rows: "${matrix.rows}" }
                """);
        Preflight.Report r = check(p, Long.MAX_VALUE);
        assertTrue(r.passed());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertEquals("4:3", r.warnings().get(0).location().toString());
        assertEquals("no stage refers to matrix key 'forgotten' (as \"${matrix.forgotten}\"), so its 3 values make cells "
                + "that repeat the same work", r.warnings().get(0).message());
    }

    private Pipeline parse(String text) throws Exception {
        return new PipelineParser(REGISTRY).parse(dir.resolve("p.yaml"), text);
    }

    private static Preflight.Report check(Pipeline p, long limit) {
        return new Preflight(8, limit).check(p, PipelineLocations.of(p));
    }

    /** Writes a pool of {@code rows} rows (declared before running), needing {@code mb} MiB. */
    static final class Pool implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("pool", "1", "A pool of rows.",
                    List.of(ParameterSpec.integer("rows", 10, "Rows.").withRange(1, 1_000_000),
                            ParameterSpec.integer("mb", 0, "Memory, MiB.").withRange(0, 1_000_000),
                            ParameterSpec.path("data", "/nonexistent/default", "A data file.")),
                    List.of(), List.of("pool"), StageScope.EACH_SEED);
        }

        @Override
        public Map<String, Long> outputSizes(String kind, Parameters p) {
            return Map.of("rows", p.getLong("rows"));
        }

        @Override
        public long estimatedMemoryBytes(Parameters p) {
            return p.getLong("mb") * MIB;
        }

        @Override
        public void run(StageContext ctx) {
            throw new UnsupportedOperationException("never run by these tests");
        }
    }

    /** Takes {@code take} rows of the pool. */
    static final class Take implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("take", "1", "Takes rows.", List.of(ParameterSpec.integer("take", 1, "Rows taken.")
                    .withRange(1, 1_000_000)), List.of("pool"), List.of("taken"), StageScope.EACH_MATRIX_CELL);
        }

        @Override
        public List<ParameterProblem> checkInputSizes(Parameters p, Map<String, Map<String, Long>> inputSizes) {
            long rows = inputSizes.get("pool").get("rows");
            return p.getLong("take") > rows ? List.of(new ParameterProblem("take", "take " + p.getLong("take")
                    + " exceeds the pool of " + rows + " rows")) : List.of();
        }

        @Override
        public void run(StageContext ctx) {
            throw new UnsupportedOperationException("never run by these tests");
        }
    }
}
