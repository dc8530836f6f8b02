package org.defrost.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.defrost.engine.yaml.YamlNode;
import org.defrost.engine.yaml.YamlReader;
import org.junit.jupiter.api.Test;

/** Values written by the kit read back, through the engine's YAML reader, as the same values. */
class YamlTextTest {
    private static Object readBack(Object value) throws Exception {
        YamlNode.Mapping m = (YamlNode.Mapping) new YamlReader().parse("v: " + YamlText.value(value) + "\n");
        return m.entries().get("v").toPlain();
    }

    @Test
    void numbersBooleansTextsAndListsReadBackUnchanged() throws Exception {
        for (Object v : List.of(0L, -3L, Long.MAX_VALUE, 0.15, 2.0, -0.5, 1e-12, 1e20, -2.5e300, Double.MIN_VALUE, true, false,
                "plain", "", "with \"quotes\" and \\ backslash", "tab\tnew\nline\u0001", "yes", "123", "${matrix.x}",
                List.of(1L, 2L), List.of(0.5, 1e-9), List.of("a", "b c"))) {
            assertEquals(v, readBack(v), () -> "written as " + YamlText.value(v));
        }
    }

    @Test
    void intsAndFloatsReadBackAsLongsAndDoubles() throws Exception {
        assertEquals(7L, readBack(7));
        assertEquals(0.25, readBack(0.25f));
    }

    @Test
    void nonFiniteNumbersAreWrittenAsTheTextsTheEngineParsesAsNumbers() throws Exception {
        assertEquals("Infinity", readBack(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", readBack(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", readBack(Double.NaN));
    }

    @Test
    void valuesAPipelineCannotHoldAreRefused() {
        for (Object v : Arrays.asList(null, Map.of("a", 1), new int[] {1})) {
            assertThrows(IllegalArgumentException.class, () -> YamlText.value(v));
        }
    }
}
