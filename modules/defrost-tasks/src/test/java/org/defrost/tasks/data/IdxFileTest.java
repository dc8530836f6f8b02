package org.defrost.tasks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.defrost.tasks.InvalidDatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
    @TempDir
    Path dir;

    private static final double[] PIXELS = {0, 1, 127, 128, 200, 255, 3, 4, 5, 6, 7, 8};

    @Test
    void unsignedBytesRoundTripPlainAndGzip() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            Path f = IdxWriter.write(dir.resolve("images" + gzip), 0x08, new int[] {3, 2, 2}, PIXELS, gzip);
            IdxFile.Contents c = IdxFile.read(f);
            assertEquals(0x08, c.type());
            assertArrayEquals(new int[] {3, 2, 2}, c.dims());
            assertArrayEquals(new float[] {0, 1, 127, 128, 200, 255, 3, 4, 5, 6, 7, 8}, c.values());
            assertTrue(c.isInteger());
        }
    }

    @Test
    void everyTypeDecodesBigEndianValues() throws IOException {
        double[] values = {-3, 0, 2, 100};
        int[] types = {0x09, 0x0B, 0x0C, 0x0D, 0x0E};
        for (int type : types) {
            Path f = IdxWriter.write(dir.resolve("t" + type), type, new int[] {4}, values, true);
            assertArrayEquals(new float[] {-3, 0, 2, 100}, IdxFile.read(f).values(), "type " + type);
        }
        Path f = IdxWriter.write(dir.resolve("frac"), 0x0D, new int[] {2}, new double[] {0.25, -1.5}, false);
        assertArrayEquals(new float[] {0.25f, -1.5f}, IdxFile.read(f).values());
    }

    @Test
    void wrongMagicNumberIsReportedWithTheBytesFound() throws IOException {
        byte[] b = IdxWriter.bytes(0x08, new int[] {2}, new double[] {1, 2});
        b[0] = 0x12;
        Path f = IdxWriter.write(dir.resolve("bad"), b, false);
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> IdxFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ": not an IDX file: magic number 0x12000801"), e.getMessage());
        byte[] c = IdxWriter.bytes(0x08, new int[] {2}, new double[] {1, 2});
        c[2] = 0x07;
        Path g = IdxWriter.write(dir.resolve("badtype.gz"), c, true);
        e = assertThrows(InvalidDatasetException.class, () -> IdxFile.read(g));
        assertTrue(e.getMessage().contains("0x00000701") && e.getMessage().contains("after gunzip"), e.getMessage());
    }

    @Test
    void truncatedPlainFileIsReportedWithByteCounts() throws IOException {
        byte[] b = IdxWriter.bytes(0x08, new int[] {3, 2, 2}, PIXELS);
        Path f = IdxWriter.write(dir.resolve("cut"), Arrays.copyOf(b, b.length - 5), false);
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> IdxFile.read(f));
        assertTrue(e.getMessage().contains("truncated: the header declares 12 bytes of values, the file holds 7"),
                e.getMessage());
        Path header = IdxWriter.write(dir.resolve("header"), Arrays.copyOf(b, 6), false);
        e = assertThrows(InvalidDatasetException.class, () -> IdxFile.read(header));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Path tiny = IdxWriter.write(dir.resolve("tiny"), new byte[] {0, 0}, false);
        e = assertThrows(InvalidDatasetException.class, () -> IdxFile.read(tiny));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void truncatedGzipStreamIsReported() throws IOException {
        byte[] b = IdxWriter.bytes(0x08, new int[] {50, 10}, new double[500]);
        Path whole = IdxWriter.write(dir.resolve("whole.gz"), b, true);
        byte[] gz = Files.readAllBytes(whole);
        Path cut = IdxWriter.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2), false);
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> IdxFile.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": truncated"), e.getMessage());
    }

    @Test
    void bytesBeyondTheDeclaredValuesAreReported() throws IOException {
        byte[] b = IdxWriter.bytes(0x08, new int[] {2}, new double[] {1, 2});
        Path f = IdxWriter.write(dir.resolve("long"), Arrays.copyOf(b, b.length + 3), false);
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> IdxFile.read(f));
        assertTrue(e.getMessage().contains("unexpected bytes after the 2 values"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("absent-idx1-ubyte");
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> IdxFile.read(f));
        assertEquals(f + ": file not found", e.getMessage());
    }
}
