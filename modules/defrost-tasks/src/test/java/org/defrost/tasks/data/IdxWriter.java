package org.defrost.tasks.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files for tests, independently of the reader. */
final class IdxWriter {
    private IdxWriter() {
    }

    /** The bytes of an IDX file of {@code type} with {@code values} in C order. */
    static byte[] bytes(int type, int[] dims, double[] values) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        out.write(new byte[] {0, 0, (byte) type, (byte) dims.length});
        for (int d : dims) {
            out.writeInt(d);
        }
        for (double v : values) {
            switch (type) {
                case 0x08, 0x09 -> out.writeByte((int) v);
                case 0x0B -> out.writeShort((int) v);
                case 0x0C -> out.writeInt((int) v);
                case 0x0D -> out.writeFloat((float) v);
                default -> out.writeDouble(v);
            }
        }
        out.flush();
        return buffer.toByteArray();
    }

    static Path write(Path file, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    static Path write(Path file, int type, int[] dims, double[] values, boolean gzip) throws IOException {
        return write(file, bytes(type, dims, values), gzip);
    }
}
