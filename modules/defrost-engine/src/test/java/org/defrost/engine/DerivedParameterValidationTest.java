package org.defrost.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.defrost.engine.pipeline.InvalidPipelineException;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.spi.ParameterBinder;
import org.defrost.spi.ParameterException;
import org.defrost.spi.ParameterParts;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.ParameterType;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.junit.jupiter.api.Test;

/** Derived parameters and typed binding as a pipeline file meets them: what is resolved, and where problems are reported. */
class DerivedParameterValidationTest {
    private static final Path FILE = Path.of("pipelines/tiles.yaml");

    /**
     * Cuts {@code size} rows into tiles of {@code tile} rows, leaving {@code margin} rows out at each end; {@code tile}
     * is derived as size / 4 when left out. The tile and the margin are independent parts of the binding.
     */
    record Tiling(int size, int tile, int margin) {
        static Tiling of(Parameters p) {
            int size = p.getInt("size");
            ParameterParts parts = new ParameterParts(p);
            Integer tile = parts.bind(q -> {
                int t = q.getInt("tile", Math.max(1, size / 4));
                if (t > size) {
                    throw new ParameterException("tile", "tile must be at most size = " + size + ", got " + t);
                }
                return t;
            });
            int margin = p.getInt("margin");
            if (2 * margin >= size) {
                parts.refuse("margin", "margin must leave rows between the two ends, got " + margin + " of " + size);
            }
            parts.check();
            return new Tiling(size, tile, margin);
        }
    }

    static final class Tiles implements Stage {
        private static final ParameterBinder<Tiling> BINDER = Tiling::of;

        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("tiles", "1", "Cuts rows into tiles.",
                    List.of(ParameterSpec.integer("size", 40, "Rows.").withRange(1, 1000),
                            ParameterSpec.derived("tile", ParameterType.INTEGER, "size / 4", "Rows per tile.")
                                    .withRange(1, 1000),
                            ParameterSpec.integer("margin", 0, "Rows left out at each end.").withRange(0, 1000)),
                    List.of(), List.of("tiles"), StageScope.EACH_SEED);
        }

        @Override
        public List<ParameterProblem> validate(Parameters p) {
            return BINDER.problems(p);
        }

        @Override
        public void run(StageContext ctx) {
            throw new UnsupportedOperationException("validation only");
        }
    }

    private final PipelineParser parser = new PipelineParser(StageRegistry.builder().add(new Tiles(), "test").build());

    private List<String> problems(String text) {
        return assertThrows(InvalidPipelineException.class, () -> parser.parse(FILE, text)).problems().stream()
                .map(Object::toString).toList();
    }

    @Test
    void aDerivedParameterLeftOutIsAbsentFromTheResolvedParametersAndDerivedWhenBound() throws Exception {
        Pipeline p = parser.parse(FILE, "pipeline: t\nstages:\n  - id: a\n    uses: tiles\n    with: { size: 12 }\n");
        Parameters resolved = p.stages().get(0).parametersByCell().get(0);
        assertFalse(resolved.asMap().containsKey("tile"));
        assertEquals(new Tiling(12, 3, 0), Tiling.of(resolved));
    }

    @Test
    void aPlaceholderWhereADerivedValueIsMeantIsRefusedWithHowToGetTheDerivedValue() {
        assertEquals(List.of("pipelines/tiles.yaml:5:29: stages[0].with.tile: value -1 is out of range [1, 1000]; "
                        + "leave it out to derive it: size / 4"),
                problems("pipeline: t\nstages:\n  - id: a\n    uses: tiles\n    with: { size: 12, tile: -1 }\n"));
    }

    @Test
    void aBinderRuleIsReportedAtTheLineOfTheParameterItNamesWithTheMatrixCell() {
        assertEquals(List.of("pipelines/tiles.yaml:9:7: stages[0].with.tile: tile must be at most size = 3, got 5 "
                        + "(matrix cell {size=3})"),
                problems("""
                        pipeline: t
                        matrix:
                          size: [8, 3]
                        stages:
                          - id: a
                            uses: tiles
                            with:
                              size: ${matrix.size}
                              tile: 5
                        """));
    }

    @Test
    void independentBinderRulesAreAllReportedEachAtTheLineOfItsParameter() {
        assertEquals(List.of("pipelines/tiles.yaml:8:7: stages[0].with.tile: tile must be at most size = 6, got 7",
                        "pipelines/tiles.yaml:9:7: stages[0].with.margin: margin must leave rows between the two ends, "
                                + "got 3 of 6"),
                problems("""
                        pipeline: t
                        stages:
                          - id: a
                            uses: tiles
                            with:
                              size: 6
                              # both are wrong, independently
                              tile: 7
                              margin: 3
                        """));
    }
}
