package org.defrost.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.defrost.onnx.proto.OnnxProto.TensorProto;

/** Reads the values of ONNX constant tensors (initializers and {@code Constant} nodes). */
final class Tensors {
    private Tensors() {
    }

    /** The element count, the product of the dimensions (1 for a scalar). */
    static long size(TensorProto t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        return n;
    }

    /** Whether the tensor's values live in a file beside the model rather than inside it. */
    static boolean isExternal(TensorProto t) {
        return t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0;
    }

    /**
     * The values of a float32 tensor in row-major order (raw little-endian bytes or {@code float_data}).
     *
     * @param usedBy the node reading it, for the error message
     */
    static float[] floats(TensorProto t, String usedBy) throws OnnxImportException {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new OnnxImportException("tensor '" + t.getName() + "' used by " + usedBy + " has element type "
                    + typeName(t.getDataType()) + "; defrost imports float32 (FLOAT) weights only");
        }
        int n = checkedSize(t, usedBy);
        float[] out = new float[n];
        if (t.hasRawData()) {
            ByteString raw = t.getRawData();
            checkLength(t, usedBy, raw.size(), (long) n * Float.BYTES);
            raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        } else {
            checkLength(t, usedBy, t.getFloatDataCount(), n);
            for (int i = 0; i < n; i++) {
                out[i] = t.getFloatData(i);
            }
        }
        return out;
    }

    /** The values of an int64 tensor (a {@code Reshape} target shape, for instance). */
    static long[] longs(TensorProto t, String usedBy) throws OnnxImportException {
        if (t.getDataType() != TensorProto.DataType.INT64_VALUE) {
            throw new OnnxImportException("tensor '" + t.getName() + "' used by " + usedBy + " has element type "
                    + typeName(t.getDataType()) + ", expected INT64");
        }
        int n = checkedSize(t, usedBy);
        long[] out = new long[n];
        if (t.hasRawData()) {
            checkLength(t, usedBy, t.getRawData().size(), (long) n * Long.BYTES);
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().get(out);
        } else {
            checkLength(t, usedBy, t.getInt64DataCount(), n);
            for (int i = 0; i < n; i++) {
                out[i] = t.getInt64Data(i);
            }
        }
        return out;
    }

    private static int checkedSize(TensorProto t, String usedBy) throws OnnxImportException {
        long n = size(t);
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new OnnxImportException("tensor '" + t.getName() + "' used by " + usedBy + " has dims "
                    + t.getDimsList() + ", which defrost cannot hold in one array");
        }
        return (int) n;
    }

    private static void checkLength(TensorProto t, String usedBy, long actual, long expected)
            throws OnnxImportException {
        if (actual != expected) {
            throw new OnnxImportException("tensor '" + t.getName() + "' used by " + usedBy + " has dims "
                    + t.getDimsList() + " but holds " + actual + (t.hasRawData() ? " bytes" : " values")
                    + " instead of " + expected + " (a truncated or corrupt file?)");
        }
    }

    private static String typeName(int dataType) {
        TensorProto.DataType d = TensorProto.DataType.forNumber(dataType);
        return d == null ? "code " + dataType : d.name();
    }
}
