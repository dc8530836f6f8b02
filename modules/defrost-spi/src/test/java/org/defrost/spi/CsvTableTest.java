package org.defrost.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
    @TempDir
    Path dir;

    @Test
    void fieldsWithCommasQuotesAndLineBreaksAreQuotedAndReadBack() throws IOException {
        String tricky = "a, \"b\"\r\nc";
        String text = CsvTable.line(List.of("name", "value")) + CsvTable.line(List.of(tricky, ""));
        assertEquals("name,value\n\"a, \"\"b\"\"\r\nc\",\n", text);
        Path file = dir.resolve("t.csv");
        Files.writeString(file, text);
        CsvTable t = CsvTable.read(file);
        assertEquals(List.of("name", "value"), t.columns());
        assertEquals(List.of(Map.of("name", tricky, "value", "")), t.rows());
    }

    @Test
    void blankLinesAreSkippedAndCrlfEndsALine() {
        assertEquals(List.of(List.of("a", "b"), List.of("1", "2")), CsvTable.parse("a,b\r\n\n1,2"));
        assertEquals(List.of(), CsvTable.parse(""));
        assertEquals(List.of(List.of("", "")), CsvTable.parse(","));
    }

    @Test
    void aRecordOfAnotherLengthIsRejectedWithItsLine() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "a,b\n1,2,3\n");
        IOException e = assertThrows(IOException.class, () -> CsvTable.read(file));
        assertEquals(file + ": line 2 has 3 fields, the header has 2", e.getMessage());
    }

    @Test
    void anEmptyFileIsAnEmptyTable() throws IOException {
        Path file = dir.resolve("empty.csv");
        Files.writeString(file, "");
        assertEquals(new CsvTable(List.of(), List.of()), CsvTable.read(file));
    }
}
