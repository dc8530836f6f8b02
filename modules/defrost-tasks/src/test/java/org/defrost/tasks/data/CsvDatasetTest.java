package org.defrost.tasks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.defrost.tasks.InvalidDatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        Path f = dir.resolve("data" + text.hashCode() + ".csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void headerWithNamedLabelColumnRoundTrips() throws IOException {
        Path f = csv("a,label,b\n0.5,1,2\n\n-3,0,4e-1\n");
        DatasetPart part = CsvDataset.read(f, CsvLayout.DEFAULT, 2);
        assertArrayEquals(new float[] {0.5f, 2f, -3f, 0.4f}, part.samples().inputs());
        assertArrayEquals(new int[] {1, 0}, part.samples().labels());
        assertArrayEquals(new int[] {2}, part.inputShape());
    }

    @Test
    void noHeaderWithLastColumnAsLabelRoundTrips() throws IOException {
        Path f = csv("1;2;3;2\n4;5;6;0\n");
        DatasetPart part = CsvDataset.read(f, new CsvLayout(false, "-1", ';'), 3);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, part.samples().inputs());
        assertArrayEquals(new int[] {2, 0}, part.samples().labels());
    }

    @Test
    void aRowWithAnotherNumberOfFieldsNamesTheLine() throws IOException {
        Path f = csv("label,a,b\n1,2,3\n0,2\n");
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class,
                () -> CsvDataset.read(f, CsvLayout.DEFAULT, 2));
        assertEquals(f + ": line 3: 2 fields, expected 3", e.getMessage());
    }

    @Test
    void nonNumericAndNonFiniteValuesNameLineAndColumn() throws IOException {
        Path text = csv("label,a,b\n1,2,x\n");
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class,
                () -> CsvDataset.read(text, CsvLayout.DEFAULT, 2));
        assertEquals(text + ": line 2, column 'b': 'x' is not a number", e.getMessage());
        Path nan = csv("label,a,b\n1,2,3\n0,NaN,3\n");
        e = assertThrows(InvalidDatasetException.class, () -> CsvDataset.read(nan, CsvLayout.DEFAULT, 2));
        assertEquals(nan + ": line 3, column 'a': non-finite value NaN", e.getMessage());
        Path inf = csv("1,Infinity\n");
        e = assertThrows(InvalidDatasetException.class, () -> CsvDataset.read(inf, new CsvLayout(false, "0", ','), 2));
        assertEquals(inf + ": line 1, column 1: non-finite value Infinity", e.getMessage());
    }

    @Test
    void labelsOutsideTheClassesOrNotWholeNumbersAreReported() throws IOException {
        Path outside = csv("label,a\n5,1\n");
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class,
                () -> CsvDataset.read(outside, CsvLayout.DEFAULT, 3));
        assertEquals(outside + ": line 2: label 5 is outside the declared classes 0..2", e.getMessage());
        Path fraction = csv("label,a\n1.5,1\n");
        e = assertThrows(InvalidDatasetException.class, () -> CsvDataset.read(fraction, CsvLayout.DEFAULT, 3));
        assertEquals(fraction + ": line 2: label '1.5' is not a whole number", e.getMessage());
    }

    @Test
    void unknownLabelColumnEmptyAndMissingFilesAreReported() throws IOException {
        Path f = csv("a,b\n1,2\n");
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class,
                () -> CsvDataset.read(f, CsvLayout.DEFAULT, 2));
        assertEquals(f + ": no column named 'label' in the header [a, b]", e.getMessage());
        Path empty = csv("label,a\n\n");
        e = assertThrows(InvalidDatasetException.class, () -> CsvDataset.read(empty, CsvLayout.DEFAULT, 2));
        assertEquals(empty + ": no data rows", e.getMessage());
        Path absent = dir.resolve("absent.csv");
        e = assertThrows(InvalidDatasetException.class, () -> CsvDataset.read(absent, CsvLayout.DEFAULT, 2));
        assertEquals(absent + ": file not found", e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new CsvLayout(false, "label", ','));
        assertTrue(bad.getMessage().contains("must be a column index"), bad.getMessage());
    }
}
