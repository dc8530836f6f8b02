package org.defrost.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterBindingTest {
    private static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.integer("rows", 10, "Rows.").withRange(1, 100),
            ParameterSpec.derived("batch", ParameterType.INTEGER, "rows / 2", "Batch size.").withRange(1, 100),
            ParameterSpec.number("rate", 0.5, "Rate.").withRange(0, 1),
            ParameterSpec.choice("mode", "a", List.of("a", "b"), "Mode."),
            ParameterSpec.integers("sizes", List.of(1L), "Sizes.").withChoices(List.of("all")),
            ParameterSpec.required("name", ParameterType.STRING, "Name."));

    /** The typed record a stage would bind: batch is derived from rows, and may not exceed it. */
    record Bound(int rows, int batch, double rate) {
        static Bound of(Parameters p) {
            int rows = p.getInt("rows");
            int batch = p.getInt("batch", Math.max(1, rows / 2));
            if (batch > rows) {
                throw new ParameterException("batch", "batch must be at most rows = " + rows + ", got " + batch);
            }
            return new Bound(rows, batch, p.getDouble("rate"));
        }
    }

    private static final ParameterBinder<Bound> BINDER = Bound::of;

    @Test
    void defaultsAreFilledInAndDerivedParametersStayAbsentUntilBound() {
        Parameters p = Parameters.of(SPECS, Map.of("name", "x", "rows", 8));
        assertEquals(Map.of("rows", 8L, "rate", 0.5, "mode", "a", "sizes", List.of(1L), "name", "x"), p.asMap());
        assertEquals(List.of("rows", "rate", "mode", "sizes", "name"), List.copyOf(p.asMap().keySet()));
        assertEquals(new Bound(8, 4, 0.5), BINDER.bind(p));
        assertEquals(new Bound(8, 3, 0.5), BINDER.bind(Parameters.of(SPECS, Map.of("name", "x", "rows", 8, "batch", 3))));
    }

    @Test
    void valuesAreNormalisedToTheDeclaredJavaTypes() {
        Parameters p = Parameters.of(SPECS, Map.of("name", "x", "rate", 1, "sizes", 7, "rows", 3.0));
        assertEquals(1.0, p.get("rate"));
        assertEquals(3L, p.get("rows"));
        assertEquals(List.of(7L), p.get("sizes"));
        assertTrue(Parameters.of(SPECS, Map.of("name", "x", "sizes", "all")).isWord("sizes", "all"));
    }

    @Test
    void everyRefusalNamesItsParameter() {
        assertRefused("rows", "rows: value 0 is out of range [1, 100]", Map.of("name", "x", "rows", 0));
        assertRefused("rows", "rows: expected an integer in [1, 100], found 2.5", Map.of("name", "x", "rows", 2.5));
        assertRefused("rate", "rate: expected a number in [0, 1], found NaN", Map.of("name", "x", "rate", Double.NaN));
        assertRefused("mode", "mode: 'c' is not one of a, b", Map.of("name", "x", "mode", "c"));
        assertRefused("name", "missing required parameter 'name' (a text)", Map.of());
        assertRefused("nmae", "unknown parameter 'nmae'", Map.of("nmae", "x"));
        assertRefused("sizes", "sizes: expected a non-empty list", Map.of("name", "x", "sizes", List.of()));
    }

    @Test
    void aBinderReportsItsRuleAgainstTheParameterItNames() {
        Parameters tooLarge = Parameters.of(SPECS, Map.of("name", "x", "rows", 4, "batch", 5));
        assertEquals(List.of(new ParameterProblem("batch", "batch must be at most rows = 4, got 5")),
                BINDER.problems(tooLarge));
        assertEquals(List.of(), BINDER.problems(Parameters.of(SPECS, Map.of("name", "x"))));
    }

    /** Independent parts: the rows (even), the rate (below 1 in mode b) and the batch, which needs the rows. */
    record Composite(int rows, double rate, int batch) {
        static int rows(Parameters p) {
            int rows = p.getInt("rows");
            if (rows % 2 != 0) {
                throw new ParameterException("rows", "rows must be even, got " + rows);
            }
            return rows;
        }

        static double rate(Parameters p) {
            if (p.getString("mode").equals("b") && p.getDouble("rate") == 1) {
                throw new ParameterException("rate", "rate must be below 1 in mode b");
            }
            return p.getDouble("rate");
        }

        static int batch(Parameters p, int rows) {
            int batch = p.getInt("batch", rows / 2);
            if (batch > rows) {
                throw new ParameterException("batch", "batch must be at most rows = " + rows + ", got " + batch);
            }
            return batch;
        }

        static Composite of(Parameters p) {
            ParameterParts parts = new ParameterParts(p);
            Integer rows = parts.bind(Composite::rows);
            Double rate = parts.bind(Composite::rate);
            Integer batch = parts.bind(rows, Composite::batch);
            if (p.getString("name").isBlank()) {
                parts.refuse("name", "name must not be blank");
            }
            parts.check();
            return new Composite(rows, rate, batch);
        }
    }

    private static List<ParameterProblem> compositeProblems(Map<String, ?> values) {
        ParameterBinder<Composite> binder = Composite::of;
        return binder.problems(Parameters.of(SPECS, values));
    }

    @Test
    void aBinderBuiltFromPartsReportsEveryFailingPartUnderItsParameter() {
        assertEquals(List.of(new ParameterProblem("rows", "rows must be even, got 7"),
                        new ParameterProblem("rate", "rate must be below 1 in mode b"),
                        new ParameterProblem("name", "name must not be blank")),
                compositeProblems(Map.of("name", " ", "rows", 7, "mode", "b", "rate", 1)));
        assertEquals(List.of(new ParameterProblem("rate", "rate must be below 1 in mode b"),
                        new ParameterProblem("batch", "batch must be at most rows = 4, got 5")),
                compositeProblems(Map.of("name", "x", "rows", 4, "batch", 5, "mode", "b", "rate", 1)));
        assertEquals(new Composite(8, 1.0, 4), ((ParameterBinder<Composite>) Composite::of)
                .bind(Parameters.of(SPECS, Map.of("name", "x", "rows", 8, "rate", 1))));
    }

    @Test
    void aPartThatNeedsAFailedPartIsSkippedSoItsProblemIsNotReportedAgain() {
        // batch 9 > rows 7 would also be refused, but the batch part needs the rows, which failed.
        assertEquals(List.of(new ParameterProblem("rows", "rows must be even, got 7")),
                compositeProblems(Map.of("name", "x", "rows", 7, "batch", 9)));
    }

    @Test
    void anExceptionWithSeveralProblemsKeepsThemInOrderAndNamesEachInItsMessage() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> Composite.of(Parameters.of(SPECS, Map.of("name", "", "rows", 3))));
        assertEquals(List.of("rows", "name"), e.problems().stream().map(ParameterProblem::parameter).toList());
        assertEquals(e.problems().get(0), e.problem());
        assertEquals("rows: rows must be even, got 3; name: name must not be blank", e.getMessage());
        assertEquals("one", new ParameterException("x", "one").getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ParameterException(List.of()));
    }

    @Test
    void aBinderDoesNotHideFailuresThatAreNotParameterProblems() {
        ParameterBinder<Object> broken = p -> {
            throw new IllegalStateException("a bug");
        };
        assertThrows(IllegalStateException.class, () -> broken.problems(Parameters.of(SPECS, Map.of("name", "x"))));
    }

    @Test
    void aDerivedParameterIsNeitherRequiredNorDefaultedAndSaysHowItIsDerived() {
        ParameterSpec batch = SPECS.get(1);
        assertTrue(batch.isDerived());
        assertFalse(batch.isRequired());
        assertEquals("derived: rows / 2", batch.defaultText());
        assertEquals("an integer in [1, 100]", batch.typeText());
        assertTrue(SPECS.get(5).isRequired());
        assertEquals("required", SPECS.get(5).defaultText());
        assertEquals("[1]", SPECS.get(4).defaultText());
        assertEquals("0.5", SPECS.get(2).defaultText());
        assertFalse(batch.withDefault(3L).isDerived());
        assertThrows(IllegalArgumentException.class, () -> new ParameterSpec("x", ParameterType.INTEGER, 1L, null, null,
                List.of(), "X.", "y"));
    }

    @Test
    void rangesReadAsUsersWriteNumbers() {
        assertEquals("[0.25, 2]", ParameterSpec.number("x", 1, "X.").withRange(0.25, 2).rangeText());
        ParameterSpec open = new ParameterSpec("x", ParameterType.NUMBER, 1.0, null, 3.0, List.of(), "X.");
        assertEquals("[-inf, 3]", open.rangeText());
        assertTrue(open.inRange(-1e300));
        assertFalse(open.inRange(3.5));
    }

    private static void assertRefused(String parameter, String messageStart, Map<String, ?> values) {
        ParameterException e = assertThrows(ParameterException.class, () -> Parameters.of(SPECS, values));
        assertEquals(parameter, e.problem().parameter());
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
    }
}
