package org.defrost.onnx;

import java.io.IOException;

/**
 * An ONNX file that defrost cannot import: not an ONNX model, truncated, too old an opset, or a graph outside
 * the supported chain of operators. The message names the file, the node and its operator where there is
 * one, and what is supported; no network is built.
 */
public final class OnnxImportException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An import failure described by {@code message}. */
    public OnnxImportException(String message) {
        super(message);
    }

    /** An import failure described by {@code message}, caused by {@code cause}. */
    public OnnxImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
