package org.defrost.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * Reads and writes NumPy {@code .npy} files.
 *
 * <p>Written files are format version 1.0 (2.0 when the header needs it), C order, little endian, with
 * dtypes {@code <f4} (float), {@code <f8} (double) and {@code <i4} (int). Read files may have any
 * format version, either byte order, C or Fortran order, and the dtypes {@code f2 f4 f8}, signed and
 * unsigned integers of 1 to 8 bytes, and {@code b1}.
 */
public final class Npy {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * Writes a float32 array.
     *
     * @param file  destination, replaced if present
     * @param data  values in C order; length must equal the product of {@code shape}. Not modified.
     * @param shape dimensions, e.g. {@code rows, cols}
     */
    public static void write(Path file, float[] data, int... shape) throws IOException {
        try (NpyStreamWriter w = NpyStreamWriter.open(file, "<f4", shape)) {
            w.write(data, 0, data.length);
        }
    }

    /** Writes a float64 array; see {@link #write(Path, float[], int...)}. {@code data} is not modified. */
    public static void write(Path file, double[] data, int... shape) throws IOException {
        try (NpyStreamWriter w = NpyStreamWriter.open(file, "<f8", shape)) {
            w.write(data, 0, data.length);
        }
    }

    /** Writes an int32 array; see {@link #write(Path, float[], int...)}. {@code data} is not modified. */
    public static void write(Path file, int[] data, int... shape) throws IOException {
        try (NpyStreamWriter w = NpyStreamWriter.open(file, "<i4", shape)) {
            w.write(data, 0, data.length);
        }
    }

    /** Writes a matrix as a 2-D float32 array of shape (numRows, numCols). Not modified. */
    public static void write(Path file, FMatrixRMaj m) throws IOException {
        try (NpyStreamWriter w = NpyStreamWriter.open(file, "<f4", m.numRows, m.numCols)) {
            w.write(m.data, 0, m.getNumElements());
        }
    }

    /** Writes a matrix as a 2-D float64 array of shape (numRows, numCols). Not modified. */
    public static void write(Path file, DMatrixRMaj m) throws IOException {
        try (NpyStreamWriter w = NpyStreamWriter.open(file, "<f8", m.numRows, m.numCols)) {
            w.write(m.data, 0, m.getNumElements());
        }
    }

    /** Reads a 2-D array (a 1-D array becomes one column) as a float32 matrix. */
    public static FMatrixRMaj readFMatrix(Path file) throws IOException {
        NpyArray a = read(file);
        requireMatrix(file, a);
        return FMatrixRMaj.wrap(a.rows(), a.cols(), a.asFloats());
    }

    /** Reads a 2-D array (a 1-D array becomes one column) as a float64 matrix. */
    public static DMatrixRMaj readDMatrix(Path file) throws IOException {
        NpyArray a = read(file);
        requireMatrix(file, a);
        return DMatrixRMaj.wrap(a.rows(), a.cols(), a.asDoubles());
    }

    private static void requireMatrix(Path file, NpyArray a) throws NpyFormatException {
        if (a.shape().length < 1 || a.shape().length > 2) {
            throw new NpyFormatException(file, "expected a 1-D or 2-D array, found " + a.shape().length
                    + " dimensions");
        }
    }

    /**
     * Reads a whole file.
     *
     * @throws NpyFormatException if the file is not a well-formed {@code .npy} file or is truncated
     * @throws NoSuchFileException if it does not exist
     */
    public static NpyArray read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, pre, file);
            pre.flip();
            for (byte b : MAGIC) {
                if (pre.get() != b) {
                    throw new NpyFormatException(file, "not a .npy file (bad magic string)");
                }
            }
            int major = pre.get() & 0xff;
            pre.get();
            long headerLen;
            int prefix;
            if (major == 1) {
                headerLen = pre.getShort() & 0xffff;
                prefix = 10;
            } else if (major == 2 || major == 3) {
                headerLen = pre.getInt() & 0xffffffffL;
                prefix = 12;
            } else {
                throw new NpyFormatException(file, "unsupported .npy format version " + major);
            }
            if (prefix + headerLen > fileSize || headerLen > 1 << 20) {
                throw new NpyFormatException(file, "truncated or corrupt header");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            ch.position(prefix);
            readFully(ch, hb, file);
            String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Header h = parseHeader(file, header);
            long count = 1;
            for (int d : h.shape) {
                count *= d;
            }
            long bytes = count * h.itemSize;
            if (count > Integer.MAX_VALUE - 8) {
                throw new NpyFormatException(file, "array of " + count + " elements is too large");
            }
            long dataStart = prefix + headerLen;
            if (fileSize - dataStart < bytes) {
                throw new NpyFormatException(file, "truncated data: expected " + bytes + " bytes, found "
                        + (fileSize - dataStart));
            }
            ByteBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, dataStart, bytes).order(h.order);
            NpyArray raw = decode(h, data, (int) count);
            return h.fortran && h.shape.length > 1 ? toCOrder(raw) : raw;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, Path file) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new NpyFormatException(file, "truncated file");
            }
        }
    }

    private record Header(String descr, ByteOrder order, char kind, int itemSize, boolean fortran, int[] shape) {
    }

    private static Header parseHeader(Path file, String header) throws NpyFormatException {
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new NpyFormatException(file, "malformed header: " + header.strip());
        }
        String descr = d.group(1);
        if (descr.length() < 3) {
            throw new NpyFormatException(file, "unsupported dtype '" + descr + "'");
        }
        char endian = descr.charAt(0);
        ByteOrder order = endian == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        char kind = descr.charAt(1);
        int size;
        try {
            size = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            throw new NpyFormatException(file, "unsupported dtype '" + descr + "'");
        }
        boolean ok = switch (kind) {
            case 'f' -> size == 2 || size == 4 || size == 8;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'b' -> size == 1;
            default -> false;
        };
        if (!ok || "<>|=".indexOf(endian) < 0) {
            throw new NpyFormatException(file, "unsupported dtype '" + descr + "'");
        }
        String dims = s.group(1).trim();
        int[] shape;
        if (dims.isEmpty()) {
            shape = new int[0];
        } else {
            String[] parts = dims.split(",");
            int n = parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
            shape = new int[n];
            for (int i = 0; i < n; i++) {
                try {
                    shape[i] = Integer.parseInt(parts[i].trim().replace("L", ""));
                } catch (NumberFormatException e) {
                    throw new NpyFormatException(file, "malformed shape (" + dims + ")");
                }
                if (shape[i] < 0) {
                    throw new NpyFormatException(file, "negative dimension in shape (" + dims + ")");
                }
            }
        }
        return new Header(descr, order, kind, size, f.group(1).equals("True"), shape);
    }

    private static NpyArray decode(Header h, ByteBuffer b, int n) {
        switch (h.kind) {
            case 'f': {
                if (h.itemSize == 8) {
                    double[] out = new double[n];
                    b.asDoubleBuffer().get(out);
                    return new NpyArray(h.descr, h.shape, null, out, null);
                }
                float[] out = new float[n];
                if (h.itemSize == 4) {
                    b.asFloatBuffer().get(out);
                } else {
                    for (int i = 0; i < n; i++) {
                        out[i] = halfToFloat(b.getShort());
                    }
                }
                return new NpyArray(h.descr, h.shape, out, null, null);
            }
            default: {
                long[] out = new long[n];
                boolean unsigned = h.kind == 'u' || h.kind == 'b';
                for (int i = 0; i < n; i++) {
                    out[i] = switch (h.itemSize) {
                        case 1 -> unsigned ? b.get() & 0xffL : b.get();
                        case 2 -> unsigned ? b.getShort() & 0xffffL : b.getShort();
                        case 4 -> unsigned ? b.getInt() & 0xffffffffL : b.getInt();
                        default -> b.getLong();
                    };
                }
                return new NpyArray(h.descr, h.shape, null, null, out);
            }
        }
    }

    /** IEEE 754 binary16 to float (Java 17 has no {@code Float.float16ToFloat}). */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Reorders a Fortran-ordered array into C order (same shape). */
    private static NpyArray toCOrder(NpyArray a) {
        int[] shape = a.shape();
        int n = (int) a.size();
        int[] index = new int[n];
        int[] fStride = new int[shape.length];
        int stride = 1;
        for (int k = 0; k < shape.length; k++) {
            fStride[k] = stride;
            stride *= shape[k];
        }
        int[] pos = new int[shape.length];
        for (int c = 0; c < n; c++) {
            int f = 0;
            for (int k = 0; k < shape.length; k++) {
                f += pos[k] * fStride[k];
            }
            index[c] = f;
            for (int k = shape.length - 1; k >= 0; k--) {
                if (++pos[k] < shape[k]) {
                    break;
                }
                pos[k] = 0;
            }
        }
        if (a.floats() != null) {
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = a.floats()[index[i]];
            }
            return new NpyArray(a.dtype(), shape, out, null, null);
        }
        if (a.doubles() != null) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = a.doubles()[index[i]];
            }
            return new NpyArray(a.dtype(), shape, null, out, null);
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = a.longs()[index[i]];
        }
        return new NpyArray(a.dtype(), shape, null, null, out);
    }

    /** Reads only the header: dtype and shape, without loading the values (all value arrays are null). */
    public static NpyArray readHeader(Path file) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head.length <= i || head[i] != MAGIC[i]) {
                throw new NpyFormatException(file, "not a .npy file (bad magic string)");
            }
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int start = text.indexOf('{');
        int end = text.indexOf('}');
        if (start < 0 || end < start) {
            throw new NpyFormatException(file, "not a .npy file (no header found)");
        }
        Header h = parseHeader(file, text.substring(start, end + 1));
        return new NpyArray(h.descr, h.shape, null, null, null);
    }
}
