package org.defrost.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.defrost.engine.pipeline.InvalidPipelineException;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.pipeline.Problem;
import org.junit.jupiter.api.Test;

/** Syntax errors pipeline authors make most, reported where they are with what to do. */
class YamlHintsTest {
    private static final Path FILE = Path.of("p.yaml");
    private final PipelineParser parser = new PipelineParser(TestStages.registry());

    private Problem only(String text) {
        var problems = assertThrows(InvalidPipelineException.class, () -> parser.parse(FILE, text)).problems();
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void anUnquotedMatrixReferenceInAFlowMappingIsToldToBeQuoted() {
        Problem p = only("pipeline: x\nmatrix:\n  s: [1, 2]\nstages:\n  - id: a\n    uses: emit\n    with: { scale: ${matrix.s} }\n");
        assertEquals("p.yaml:7:21: invalid YAML: a matrix reference inside { } or [ ] must be quoted, as \"${matrix.KEY}\" "
                + "(line 7)", p.toString());
        Problem inList = only("pipeline: x\nmatrix:\n  s: [1, 2]\nstages:\n  - id: a\n    uses: emit\n    with:\n"
                + "      scale: 1\n      sizes: [${matrix.s}]\n");
        assertEquals("invalid YAML: a matrix reference inside { } or [ ] must be quoted, as \"${matrix.KEY}\" (line 9)",
                inList.message());
    }

    @Test
    void aTabInTheIndentationIsReportedAtTheTab() {
        assertEquals("p.yaml:4:1: a tab character in the indentation; YAML indents with spaces only",
                only("pipeline: x\nstages:\n  - id: a\n\tuses: emit\n").toString());
        assertEquals("p.yaml:5:5: a tab character in the indentation; YAML indents with spaces only",
                only("pipeline: x\nstages:\n  - id: a\n    with:\n    \tscale: 1\n    uses: emit\n").toString());
    }

    @Test
    void otherSyntaxErrorsKeepTheParsersMessage() {
        Problem p = only("pipeline: x\nstages: [ {id: a, uses: emit\n");
        assertEquals(true, p.message().startsWith("invalid YAML: ") && !p.message().contains("matrix"), p.message());
    }
}
