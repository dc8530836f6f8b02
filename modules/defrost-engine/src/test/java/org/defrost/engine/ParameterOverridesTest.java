package org.defrost.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.defrost.engine.pipeline.InvalidPipelineException;
import org.defrost.engine.pipeline.ParameterOverrides;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineParser;
import org.junit.jupiter.api.Test;

/** {@code --set STAGE.PARAM=VALUE}: validated like the file, problems named by the argument. */
class ParameterOverridesTest {
    private static final Path FILE = Path.of("p.yaml");
    private static final String TEXT = """
            pipeline: overrides
            matrix:
              s: [2.0, 3.0]
            stages:
              - id: numbers
                uses: emit
                with: { scale: 1.5 }
              - id: sums
                uses: sum-units
            """;
    private final PipelineParser parser = new PipelineParser(TestStages.registry());

    @Test
    void anOverrideReplacesOrAddsAParameterAndIsRecordedWithTheRun() throws Exception {
        Pipeline p = parser.parse(FILE, TEXT, ParameterOverrides.parse(List.of("numbers.count=7", "numbers.scale=${matrix.s}",
                "numbers.sizes=[3, 4]")));
        assertEquals(7L, p.stages().get(0).parametersByCell().get(0).getLong("count"));
        assertEquals(List.of(2.0, 3.0), p.stages().get(0).parametersByCell().stream().map(c -> c.getDouble("scale")).toList());
        assertEquals(List.of(3, 4), p.stages().get(0).parametersByCell().get(1).getIntList("sizes"));
        assertTrue(p.text().startsWith(TEXT) && p.text().endsWith("#   --set numbers.sizes=[3, 4]\n"), p.text());
        assertEquals(TEXT, parser.parse(FILE, TEXT).text(), "no override, the text as written");
    }

    @Test
    void aBadOverrideIsReportedWithItsArgumentLikeTheSameMistakeInTheFile() {
        ParameterOverrides o = ParameterOverrides.parse(List.of("numbers.count=0", "numbrs.count=3", "numbers.cuont=3"));
        InvalidPipelineException e = assertThrows(InvalidPipelineException.class, () -> parser.parse(FILE, TEXT, o));
        List<String> described = e.problems().stream().map(o::describe).toList();
        assertEquals(List.of("--set numbrs.count=3: no stage has id 'numbrs'; did you mean 'numbers'?",
                "--set numbers.cuont=3: stages[0].with.cuont: stage type 'emit' has no parameter 'cuont'; did you mean "
                        + "'count'? (parameters: count, scale, mode, sizes, data)",
                "--set numbers.count=0: stages[0].with.count: value 0 is out of range [1, 1000]"), described);
    }

    @Test
    void aMalformedArgumentIsRefusedWithTheExpectedForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterOverrides.parse(List.of("count=3")));
        assertTrue(e.getMessage().startsWith("--set count=3: expected STAGE.PARAM=VALUE"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParameterOverrides.parse(List.of("numbers.sizes=[1,")));
    }
}
