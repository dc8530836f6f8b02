package org.defrost.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    @Test
    void floatDoubleAndIntArraysRoundTripExactly() throws IOException {
        float[] f = {1.5f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, 3, 4};
        Npy.write(dir.resolve("f.npy"), f, 2, 3);
        NpyArray a = Npy.read(dir.resolve("f.npy"));
        assertEquals("<f4", a.dtype());
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(f, a.asFloats());

        double[] d = {Math.PI, -1e-300, 7};
        Npy.write(dir.resolve("d.npy"), d, 3);
        assertArrayEquals(d, Npy.read(dir.resolve("d.npy")).asDoubles());
        assertArrayEquals(new int[] {3}, Npy.read(dir.resolve("d.npy")).shape());

        int[] i = {Integer.MIN_VALUE, 0, Integer.MAX_VALUE};
        Npy.write(dir.resolve("i.npy"), i, 3);
        assertArrayEquals(i, Npy.read(dir.resolve("i.npy")).asInts());
    }

    @Test
    void arraysLargerThanTheWriteBufferRoundTripAcrossBlockWrites() throws IOException {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        float[] f = new float[50_003];
        double[] d = new double[30_001];
        int[] i = new int[40_007];
        for (int k = 0; k < f.length; k++) {
            f[k] = (float) r.nextGaussian();
        }
        for (int k = 0; k < d.length; k++) {
            d[k] = r.nextGaussian();
        }
        for (int k = 0; k < i.length; k++) {
            i[k] = r.nextInt();
        }
        try (NpyStreamWriter w = NpyStreamWriter.open(dir.resolve("f.npy"), "<f4", f.length)) {
            w.write(f, 0, 7);
            w.write(f, 7, f.length - 7);
        }
        Npy.write(dir.resolve("d.npy"), d, d.length);
        Npy.write(dir.resolve("i.npy"), i, i.length);
        assertArrayEquals(f, Npy.read(dir.resolve("f.npy")).asFloats());
        assertArrayEquals(d, Npy.read(dir.resolve("d.npy")).asDoubles());
        assertArrayEquals(i, Npy.read(dir.resolve("i.npy")).asInts());
    }

    @Test
    void headersArePaddedToSixtyFourBytesAndEndWithNewline() throws IOException {
        Npy.write(dir.resolve("x.npy"), new float[0], 0, 5);
        byte[] bytes = Files.readAllBytes(dir.resolve("x.npy"));
        assertEquals(0, bytes.length % 64);
        assertEquals('\n', bytes[bytes.length - 1]);
        String header = new String(bytes, 10, bytes.length - 10, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 5), }"), header);
    }

    @Test
    void matricesRoundTripThroughEjml() throws IOException {
        FMatrixRMaj m = new FMatrixRMaj(2, 2, true, 1, 2, 3, 4);
        Npy.write(dir.resolve("m.npy"), m);
        FMatrixRMaj back = Npy.readFMatrix(dir.resolve("m.npy"));
        assertEquals(2, back.numRows);
        assertArrayEquals(m.data, back.data);
    }

    @Test
    void streamWriterRefusesTooFewOrTooManyElements() throws IOException {
        NpyStreamWriter w = NpyStreamWriter.open(dir.resolve("s.npy"), "<f4", 2, 2);
        w.write(new float[] {1, 2, 3}, 0, 3);
        assertThrows(IllegalArgumentException.class, () -> w.write(new float[] {1, 2}, 0, 2));
        IOException e = assertThrows(IOException.class, w::close);
        assertTrue(e.getMessage().contains("3 elements written, 4 declared"));
    }

    @Test
    void fortranOrderBigEndianAndNarrowTypesAreReadAsNumpyWritesThem() throws IOException {
        // numpy.asfortranarray([[1, 2, 3], [4, 5, 6]], dtype='>i2')
        Path f = write("{'descr': '>i2', 'fortran_order': True, 'shape': (2, 3), }", ByteOrder.BIG_ENDIAN,
                b -> { for (short v : new short[] {1, 4, 2, 5, 3, 6}) { b.putShort(v); } }, 12);
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, Npy.read(f).asInts());
        Path h = write("{'descr': '<f2', 'fortran_order': False, 'shape': (3,), }", ByteOrder.LITTLE_ENDIAN,
                b -> { b.putShort((short) 0x3c00); b.putShort((short) 0xc000); b.putShort((short) 0x0001); }, 6);
        assertArrayEquals(new float[] {1f, -2f, 0x1p-24f}, Npy.read(h).asFloats());
        Path u = write("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", ByteOrder.LITTLE_ENDIAN,
                b -> { b.put((byte) 255); b.put((byte) 7); }, 2);
        assertArrayEquals(new int[] {255, 7}, Npy.read(u).asInts());
    }

    @Test
    void malformedFilesNameTheFileAndTheProblem() throws IOException {
        Path notNpy = Files.writeString(dir.resolve("bad.npy"), "hello, world, this is not numpy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(notNpy));
        assertTrue(e.getMessage().contains("bad.npy") && e.getMessage().contains("magic"), e.getMessage());

        Npy.write(dir.resolve("t.npy"), new float[100], 10, 10);
        byte[] bytes = Files.readAllBytes(dir.resolve("t.npy"));
        Path truncated = Files.write(dir.resolve("t2.npy"), java.util.Arrays.copyOf(bytes, bytes.length - 8));
        e = assertThrows(NpyFormatException.class, () -> Npy.read(truncated));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Path complex = write("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", ByteOrder.LITTLE_ENDIAN,
                b -> b.putLong(0), 8);
        e = assertThrows(NpyFormatException.class, () -> Npy.read(complex));
        assertTrue(e.getMessage().contains("unsupported dtype '<c8'"), e.getMessage());
    }

    private Path write(String dict, ByteOrder order, java.util.function.Consumer<ByteBuffer> body, int bodyBytes)
            throws IOException {
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer b = ByteBuffer.allocate(padded + bodyBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(Npy.MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        b.order(order);
        body.accept(b);
        return Files.write(dir.resolve("n" + System.nanoTime() + ".npy"), b.array());
    }
}
