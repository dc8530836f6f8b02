package org.defrost.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes a {@code .npy} file block by block, so that an array larger than memory, or generated in
 * blocks, is stored without being held whole. The header is written first; {@link #close()} checks
 * that exactly the declared number of elements arrived.
 */
public final class NpyStreamWriter implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 16;
    private final Path file;
    private final FileChannel channel;
    private final String dtype;
    private final long expected;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long written;

    private NpyStreamWriter(Path file, FileChannel channel, String dtype, long expected) {
        this.file = file;
        this.channel = channel;
        this.dtype = dtype;
        this.expected = expected;
    }

    /**
     * Creates (or replaces) {@code file} and writes its header.
     *
     * @param dtype one of {@code <f4}, {@code <f8}, {@code <i4}
     * @param shape dimensions of the whole array
     */
    public static NpyStreamWriter open(Path file, String dtype, int... shape) throws IOException {
        if (!dtype.equals("<f4") && !dtype.equals("<f8") && !dtype.equals("<i4")) {
            throw new IllegalArgumentException("cannot write dtype " + dtype + "; use <f4, <f8 or <i4");
        }
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count *= d;
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            ch.write(ByteBuffer.wrap(header(dtype, shape)));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new NpyStreamWriter(file, ch, dtype, count);
    }

    static byte[] header(String dtype, int[] shape) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? shape[0] + "," : dims.length() == 0 ? "" : dims.substring(0, dims.length() - 2);
        String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (" + shapeText + "), }";
        int version = dict.length() + 11 <= 65535 ? 1 : 2;
        int prefix = version == 1 ? 10 : 12;
        int total = prefix + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String headerText = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(Npy.MAGIC).put((byte) version).put((byte) 0);
        if (version == 1) {
            b.putShort((short) headerText.length());
        } else {
            b.putInt(headerText.length());
        }
        b.put(headerText.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    /** Appends {@code len} floats from {@code data[off..]}; the dtype must be {@code <f4}. Not modified. */
    public void write(float[] data, int off, int len) throws IOException {
        append("<f4", Float.BYTES, off, len, (b, from, count) -> b.asFloatBuffer().put(data, from, count));
    }

    /** Appends {@code len} doubles from {@code data[off..]}; the dtype must be {@code <f8}. Not modified. */
    public void write(double[] data, int off, int len) throws IOException {
        append("<f8", Double.BYTES, off, len, (b, from, count) -> b.asDoubleBuffer().put(data, from, count));
    }

    /** Appends {@code len} ints from {@code data[off..]}; the dtype must be {@code <i4}. Not modified. */
    public void write(int[] data, int off, int len) throws IOException {
        append("<i4", Integer.BYTES, off, len, (b, from, count) -> b.asIntBuffer().put(data, from, count));
    }

    /** Copies {@code count} elements of a caller's array, from index {@code from}, into the buffer at its position. */
    private interface Chunk {
        void put(ByteBuffer buffer, int from, int count);
    }

    /** Appends {@code len} elements of {@code bytes} bytes each, from index {@code off}, in buffer-sized chunks. */
    private void append(String type, int bytes, int off, int len, Chunk chunk) throws IOException {
        check(type, len);
        for (int i = off; i < off + len; ) {
            ensureRoom(bytes);
            int n = Math.min(off + len - i, buffer.remaining() / bytes);
            chunk.put(buffer, i, n);
            buffer.position(buffer.position() + n * bytes);
            i += n;
        }
        written += len;
    }

    private void check(String type, int len) {
        if (!dtype.equals(type)) {
            throw new IllegalArgumentException(file + ": array has dtype " + dtype + ", cannot append " + type);
        }
        if (written + len > expected) {
            throw new IllegalArgumentException(file + ": more elements than the declared " + expected);
        }
    }

    private void ensureRoom(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flush();
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /**
     * Flushes and closes the file.
     *
     * @throws IOException if fewer elements than declared were written
     */
    @Override
    public void close() throws IOException {
        try {
            flush();
            if (written != expected) {
                throw new IOException(file + ": " + written + " elements written, " + expected + " declared");
            }
        } finally {
            channel.close();
        }
    }
}
