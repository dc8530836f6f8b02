package org.defrost.tasks.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.defrost.tasks.InvalidDatasetException;

/**
 * Reads an IDX file (the format of MNIST and Fashion-MNIST), plain or gzip-compressed (recognised by
 * its content, not its name).
 *
 * <p>Layout: two zero bytes, a type byte ({@code 0x08} unsigned byte, {@code 0x09} signed byte,
 * {@code 0x0B} int16, {@code 0x0C} int32, {@code 0x0D} float32, {@code 0x0E} float64), the number of
 * dimensions, one big-endian int32 per dimension, then the values in C order, big-endian. A file that
 * ends early, or holds bytes beyond the declared values, is rejected.
 */
public final class IdxFile {
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    /**
     * The contents of an IDX file.
     *
     * @param type   the type byte
     * @param dims   the dimensions
     * @param values every value converted to float, in C order
     */
    public record Contents(int type, int[] dims, float[] values) {
        /** Whether the values are integers (byte, short or int types). */
        public boolean isInteger() {
            return type != 0x0D && type != 0x0E;
        }
    }

    private IdxFile() {
    }

    /** Reads {@code file}; every problem gives an {@link InvalidDatasetException} naming it. */
    public static Contents read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            return parse(file, new DataInputStream(in), gzip);
        } catch (NoSuchFileException e) {
            throw new InvalidDatasetException(file, "file not found");
        } catch (ZipException e) {
            throw new InvalidDatasetException(file, "corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new InvalidDatasetException(file, "truncated: the file ends inside its header or its gzip stream", e);
        }
    }

    private static Contents parse(Path file, DataInputStream in, boolean gzip) throws IOException {
        int zero1 = in.read();
        int zero2 = in.read();
        int type = in.read();
        int rank = in.read();
        if (rank < 0) {
            throw new InvalidDatasetException(file, "truncated: shorter than the 4-byte IDX magic number");
        }
        int size = switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> -1;
        };
        if (zero1 != 0 || zero2 != 0 || size < 0 || rank == 0) {
            throw new InvalidDatasetException(file, String.format(
                    "not an IDX file: magic number 0x%02X%02X%02X%02X (expected 0x0000TTDD with type TT in "
                            + "08, 09, 0B, 0C, 0D, 0E and DD >= 1 dimensions)%s", zero1, zero2, type, rank,
                    gzip ? " after gunzip" : ""));
        }
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
            if (dims[i] < 0) {
                throw new InvalidDatasetException(file, "negative dimension " + dims[i] + " in the header");
            }
            count *= dims[i];
            if (count > MAX_VALUES) {
                throw new InvalidDatasetException(file, "declares more than " + MAX_VALUES + " values");
            }
        }
        float[] values = new float[(int) count];
        byte[] chunk = new byte[size * 8192];
        int done = 0;
        while (done < count) {
            int want = (int) Math.min(8192, count - done) * size;
            int got = in.readNBytes(chunk, 0, want);
            if (got < want) {
                long found = (long) done * size + got;
                throw new InvalidDatasetException(file, "truncated: the header declares " + count * size
                        + " bytes of values, the file holds " + found);
            }
            decode(ByteBuffer.wrap(chunk, 0, want), type, values, done, want / size);
            done += want / size;
        }
        if (in.read() >= 0) {
            throw new InvalidDatasetException(file, "unexpected bytes after the " + count
                    + " values the header declares");
        }
        return new Contents(type, dims, values);
    }

    private static void decode(ByteBuffer b, int type, float[] out, int off, int n) {
        for (int i = 0; i < n; i++) {
            out[off + i] = switch (type) {
                case 0x08 -> b.get() & 0xff;
                case 0x09 -> b.get();
                case 0x0B -> b.getShort();
                case 0x0C -> b.getInt();
                case 0x0D -> b.getFloat();
                default -> (float) b.getDouble();
            };
        }
    }
}
