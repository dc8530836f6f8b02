package org.defrost.report.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableTest {
    @TempDir
    Path dir;

    @Test
    void quotedFieldsWithCommasQuotesAndLineBreaksSurviveARoundTrip() throws IOException {
        TableBuilder b = new TableBuilder();
        b.row().put("name", "a, \"b\"\nc").put("value", 0.1).put("missing", Double.NaN);
        b.row().put("name", "plain").put("value", 3L).put("missing", null);
        Path file = dir.resolve("t.csv");
        b.build().write(file);
        Table t = Table.read(file);
        assertEquals(List.of("name", "value", "missing"), t.columns());
        assertEquals("a, \"b\"\nc", t.rows().get(0).get("name"));
        assertEquals(0.1, Table.number(t.rows().get(0), "value"));
        assertEquals(Double.NaN, Table.number(t.rows().get(0), "missing"));
        assertEquals(3, Table.integer(t.rows().get(1), "value"));
        assertEquals("", t.rows().get(1).get("missing"));
    }

    @Test
    void crlfLineEndingsAndAFinalLineWithoutNewlineAreRead() throws IOException {
        Path file = dir.resolve("crlf.csv");
        Files.writeString(file, "a,b\r\n1,2\r\n3,4");
        Table t = Table.read(file);
        assertEquals(2, t.rows().size());
        assertEquals("4", t.rows().get(1).get("b"));
    }

    @Test
    void concatenationUnitesColumnsInOrderOfFirstAppearance() {
        Table a = new Table(List.of("x", "y"), List.of(Map.of("x", "1", "y", "2")));
        Table b = new Table(List.of("x", "z"), List.of(Map.of("x", "3", "z", "4")));
        Table c = a.concat(b);
        assertEquals(List.of("x", "y", "z"), c.columns());
        assertEquals(2, c.rows().size());
        assertEquals(java.util.Arrays.asList(1L, 2L, null), new java.util.ArrayList<>(c.jsonRows().get(0).values()));
        assertEquals("", c.rows().get(1).getOrDefault("y", ""));
    }

    @Test
    void jsonValuesAreTypedAndNaNBecomesNull() {
        assertEquals(42L, Table.jsonValue("42"));
        assertEquals(-0.5, Table.jsonValue("-0.5"));
        assertEquals(8.3E-5, Table.jsonValue("8.3E-5"));
        assertEquals(true, Table.jsonValue("true"));
        assertEquals("early_stopping", Table.jsonValue("early_stopping"));
        assertEquals("1-2", Table.jsonValue("1-2"));
        assertNull(Table.jsonValue("NaN"));
        assertNull(Table.jsonValue(""));
    }

    @Test
    void aWholeNumberColumnRejectsFractions() {
        assertThrows(IllegalArgumentException.class, () -> Table.integer(Map.of("n", "2.5"), "n"));
        assertEquals(3, Table.integer(Map.of("n", "3.0"), "n"));
    }
}
