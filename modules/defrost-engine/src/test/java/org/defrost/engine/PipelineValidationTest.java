package org.defrost.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.engine.pipeline.InvalidPipelineException;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.pipeline.Problem;
import org.defrost.engine.preflight.PipelineLocations;
import org.defrost.engine.yaml.Location;
import org.junit.jupiter.api.Test;

class PipelineValidationTest {
    private static final Path FILE = Path.of("pipelines/broken.yaml");
    private final PipelineParser parser = new PipelineParser(TestStages.registry());

    private List<Problem> problems(String text) {
        return assertThrows(InvalidPipelineException.class, () -> parser.parse(FILE, text)).problems();
    }

    private static Problem only(List<Problem> problems) {
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    private static void at(Problem p, int line, String field, String messagePart) {
        assertEquals(FILE, p.file());
        assertEquals(line, p.location().line(), p.toString());
        assertEquals(field, p.field(), p.toString());
        assertTrue(p.message().contains(messagePart), p.toString());
        assertTrue(p.toString().startsWith("pipelines/broken.yaml:" + line + ":"), p.toString());
    }

    @Test
    void validPipelineParsesWithDefaultsAndMatrixValues() throws Exception {
        Pipeline p = parser.parse(FILE, PipelineRunnerTest.PIPELINE);
        assertEquals(3, p.matrixCells().size());
        assertEquals(2, p.seeds());
        assertEquals(3.0, p.stages().get(0).parametersByCell().get(2).getDouble("scale"));
        assertEquals(5, p.stages().get(0).parametersByCell().get(0).getInt("count"));
        assertEquals("plain", p.stages().get(0).parametersByCell().get(0).getString("mode"));
    }

    @Test
    void aMatrixListedCellByCellRunsExactlyThoseCells() throws Exception {
        Pipeline p = parser.parse(FILE, """
                pipeline: x
                matrix:
                  - { s: 1.0, c: 5 }
                  - { c: 7, s: 1.0 }
                  - { s: 3.0, c: 5 }
                stages:
                  - id: a
                    uses: emit
                    with: { scale: "${matrix.s}", count: "${matrix.c}" }
                """);
        assertEquals(List.of(Map.of("s", 1.0, "c", 5L), Map.of("s", 1.0, "c", 7L), Map.of("s", 3.0, "c", 5L)),
                p.matrixCells());
        assertEquals(List.of("s", "c"), List.copyOf(p.matrixCells().get(1).keySet()), "keys in the first cell's order");
        assertEquals(7, p.stages().get(0).parametersByCell().get(1).getInt("count"));
        assertEquals(3.0, p.stages().get(0).parametersByCell().get(2).getDouble("scale"));
    }

    @Test
    void listedCellsWithOtherKeysOrListedTwiceAreReported() {
        List<Problem> ps = problems("""
                pipeline: x
                matrix:
                  - { s: 1 }
                  - { s: 1 }
                  - { t: 2 }
                stages:
                  - id: a
                    uses: emit
                    with: { scale: 1 }
                """);
        assertEquals(2, ps.size(), ps.toString());
        at(ps.get(0), 4, "matrix[1]", "listed twice");
        at(ps.get(1), 5, "matrix[2]", "every listed cell has the same keys (s)");
    }

    @Test
    void validPipelineKnowsWhereItsKeysAndStagesStandWithoutParsingAgain() throws Exception {
        PipelineLocations where = PipelineLocations.of(parser.parse(FILE, PipelineRunnerTest.PIPELINE));
        assertEquals(new Location(3, 1), where.key("seeds"));
        assertEquals(Location.START, where.key("description"));
        assertEquals(new Location(8, 5), where.stage(0));
        assertEquals(new Location(13, 5), where.stage(2));
        assertEquals(Location.START, where.stage(3));
    }

    @Test
    void yamlSyntaxErrorNamesItsLine() {
        Problem p = only(problems("pipeline: x\nstages:\n  - id: a\n    uses: [emit\n"));
        assertTrue(p.location().line() >= 4, p.toString());
        assertTrue(p.message().startsWith("invalid YAML"), p.toString());
    }

    @Test
    void unknownStageTypeSuggestsTheClosestOne() {
        Problem p = only(problems("pipeline: x\nstages:\n  - id: a\n    uses: emitt\n"));
        at(p, 4, "stages[0].uses", "did you mean 'emit'?");
    }

    @Test
    void unknownMissingMistypedAndOutOfRangeParametersAreAllReported() {
        List<Problem> ps = problems("""
                pipeline: x
                stages:
                  - id: a
                    uses: emit
                    with:
                      cont: 3
                      count: many
                  - id: b
                    uses: emit
                    with: { scale: 1, count: 5000, mode: sqared, sizes: [1, two] }
                """);
        assertEquals(6, ps.size(), ps.toString());
        at(ps.get(0), 6, "stages[0].with.cont", "did you mean 'count'?");
        at(ps.get(1), 7, "stages[0].with.count", "expected an integer in [1, 1000], found the text \"many\"");
        at(ps.get(2), 5, "stages[0].with.scale", "missing required parameter 'scale'");
        at(ps.get(3), 10, "stages[1].with.count", "out of range [1, 1000]");
        at(ps.get(4), 10, "stages[1].with.mode", "did you mean 'squared'?");
        at(ps.get(5), 10, "stages[1].with.sizes[1]", "expected a list of integers or all");
    }

    @Test
    void stageRulesAreReportedAtTheParameter() {
        at(only(problems("pipeline: x\nstages:\n  - id: a\n    uses: emit\n    with:\n      scale: 13\n")), 6,
                "stages[0].with.scale", "unlucky");
    }

    @Test
    void unknownMatrixKeyAndMatrixValueOfTheWrongTypeAreReported() {
        at(only(problems("pipeline: x\nmatrix: { s: [1] }\nstages:\n  - id: a\n    uses: emit\n    with: { scale: \"${matrix.z}\" }\n")),
                6, "stages[0].with.scale", "no matrix key 'z'");
        Problem p = only(problems("pipeline: x\nmatrix: { s: [1, big] }\nstages:\n  - id: a\n    uses: emit\n    with: { scale: \"${matrix.s}\" }\n"));
        at(p, 6, "stages[0].with.scale", "expected a number");
    }

    @Test
    void duplicateIdsUnknownInputsAndMissingInputKindsAreReported() {
        List<Problem> ps = problems("""
                pipeline: x
                stages:
                  - id: a
                    uses: emit
                    with: { scale: 1 }
                  - id: a
                    uses: emit
                    with: { scale: 1 }
                  - id: s
                    uses: sum-units
                    inputs: [nope]
                  - id: t
                    uses: collect
                    inputs: [s]
                  - id: lonely
                    uses: collect
                    inptus: [a]
                """);
        assertEquals(3, ps.size(), ps.toString());
        at(ps.get(0), 6, "stages[1].id", "duplicate stage id 'a'");
        at(ps.get(1), 11, "stages[2].inputs", "no earlier stage has id 'nope'");
        at(ps.get(2), 17, "stages[4].inptus", "did you mean 'inputs'?");
    }

    @Test
    void stageWithoutItsInputKindNamesTheStagesThatProduceIt() {
        at(only(problems("pipeline: x\nstages:\n  - id: c\n    uses: collect\n")), 4, "stages[0].uses",
                "needs an artifact of kind 'sums' that no earlier stage produces; add a stage that uses sum-units");
    }

    @Test
    void topLevelProblemsAreReported() {
        List<Problem> ps = problems("pipelin: x\nseeds: 0\nstages: []\n");
        assertEquals(4, ps.size(), ps.toString());
        at(ps.get(0), 1, "pipelin", "did you mean 'pipeline'?");
        at(ps.get(1), 1, "pipeline", "missing required key 'pipeline'");
        at(ps.get(2), 2, "seeds", "out of range");
        at(ps.get(3), 3, "stages", "non-empty list");
    }

    @Test
    void pathsAreResolvedAgainstThePipelineAndConfinedToTheAllowedRoots(@org.junit.jupiter.api.io.TempDir Path root)
            throws Exception {
        java.nio.file.Files.createDirectories(root.resolve("data"));
        java.nio.file.Files.createSymbolicLink(root.resolve("data/escape"), Path.of("/etc"));
        Path file = root.resolve("p.yaml");
        PipelineParser confined = new PipelineParser(TestStages.registry(), new org.defrost.engine.yaml.YamlReader(),
                new org.defrost.engine.pipeline.PathPolicy(List.of(root)));
        String base = "pipeline: x\nstages:\n  - id: a\n    uses: emit\n    with:\n      scale: 1\n      data: %s\n";
        Pipeline ok = confined.parse(file, base.formatted("data/train.csv"));
        assertEquals(root.resolve("data/train.csv").toString(), ok.stages().get(0).parametersByCell().get(0).getString("data"));
        for (String bad : List.of("../outside.csv", "/etc/passwd", "data/escape/passwd")) {
            List<Problem> ps = assertThrows(InvalidPipelineException.class, () -> confined.parse(file, base.formatted(bad)))
                    .problems();
            assertEquals(1, ps.size(), bad);
            assertEquals(7, ps.get(0).location().line());
            assertTrue(ps.get(0).message().contains("outside the allowed directories"), ps.get(0).toString());
        }
    }

    @Test
    void duplicateKeysAndHostileDocumentsAreRefused() {
        at(only(problems("pipeline: x\npipeline: y\nstages: []\n")), 2, "", "duplicate key 'pipeline'");
        String deep = "a: ".repeat(1) + "[".repeat(200) + "]".repeat(200) + "\n";
        Problem nesting = only(problems(deep));
        assertTrue(nesting.message().contains("nesting deeper than 40 levels"), nesting.toString());
        assertEquals(1, nesting.location().line());
        Problem alias = only(problems("pipeline: &n x\nseed: 1\ndescription: *n\nstages: []\n"));
        at(alias, 3, "", "aliases (*n) are not supported");
        StringBuilder matrix = new StringBuilder("pipeline: x\nmatrix:\n");
        for (int k = 0; k < 7; k++) {
            matrix.append("  k").append(k).append(": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\n");
        }
        long before = System.nanoTime();
        List<Problem> hugeMatrix = problems(matrix + "stages:\n  - id: a\n    uses: emit\n    with: { scale: 1 }\n");
        assertTrue(System.nanoTime() - before < 2_000_000_000L, "ten million cells are refused without being built");
        at(hugeMatrix.get(0), 2, "matrix", "the matrix has 10000000 cells; the limit is 10000");
        String bomb = """
                a: &a ["x","x","x","x","x","x","x","x","x"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                """;
        long start = System.nanoTime();
        assertThrows(InvalidPipelineException.class, () -> parser.parse(FILE, bomb));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "an alias bomb is refused quickly");
        assertTrue(only(problems("\0\1\2binary")).message().contains("not a text file"));
    }
}
