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
        requireType(t, usedBy, TensorProto.DataType.FLOAT_VALUE, "; defrost imports float32 (FLOAT) weights only");
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
        requireType(t, usedBy, TensorProto.DataType.INT64_VALUE, ", expected INT64");
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
            throw new OnnxImportException(subject(t, usedBy) + " has dims " + t.getDimsList()
                    + ", which defrost cannot hold in one array");
        }
        return (int) n;
    }

    private static void checkLength(TensorProto t, String usedBy, long actual, long expected)
            throws OnnxImportException {
        if (actual != expected) {
            throw new OnnxImportException(subject(t, usedBy) + " has dims " + t.getDimsList() + " but holds " + actual
                    + (t.hasRawData() ? " bytes" : " values")
                    + " instead of " + expected + " (a truncated or corrupt file?)");
        }
    }

    /** @param expectation the end of the message, saying what was expected */
    private static void requireType(TensorProto t, String usedBy, int dataType, String expectation)
            throws OnnxImportException {
        if (t.getDataType() != dataType) {
            throw new OnnxImportException(subject(t, usedBy) + " has element type " + typeName(t.getDataType())
                    + expectation);
        }
    }

    /** How messages name a tensor: {@code tensor 'NAME' used by NODE}. */
    private static String subject(TensorProto t, String usedBy) {
        return "tensor '" + t.getName() + "' used by " + usedBy;
    }

    private static String typeName(int dataType) {
        TensorProto.DataType d = TensorProto.DataType.forNumber(dataType);
        return d == null ? "code " + dataType : d.name();
    }
}
