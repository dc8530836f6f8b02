package org.defrost.kernels;

import java.util.Arrays;

/**
 * Max and average pooling over windows of NHWC images (sample b, row y, column x, channel c at
 * {@code ((b·H + y)·W + x)·C + c}), without padding. The batch is split by samples across {@link KernelThreads};
 * each sample is computed by one thread in a fixed order, so results are bit-identical for any number of threads.
 * Max pooling keeps no indices: the backward pass finds each window's maximum again in the forward input.
 */
public final class ImagePooling {
    private ImagePooling() {
    }

    /** Per-thread scratch of one output pixel's remaining gradients, grown on demand. */
    private static final class FloatScratch {
        private static final ThreadLocal<float[]> LOCAL = ThreadLocal.withInitial(() -> new float[0]);

        static float[] get(int size) {
            float[] s = LOCAL.get();
            if (s.length < size) {
                s = new float[size];
                LOCAL.set(s);
            }
            return s;
        }
    }

    /** {@link FloatScratch} in double. */
    private static final class DoubleScratch {
        private static final ThreadLocal<double[]> LOCAL = ThreadLocal.withInitial(() -> new double[0]);

        static double[] get(int size) {
            double[] s = LOCAL.get();
            if (s.length < size) {
                s = new double[size];
                LOCAL.set(s);
            }
            return s;
        }
    }

    /**
     * A pooling geometry: windows of {@code windowHeight × windowWidth} moved by {@code stride}; an output pixel
     * for every window that fits (PyTorch's floor rule).
     */
    public record Window(int channels, int height, int width, int windowHeight, int windowWidth, int stride) {
        public Window {
            if (channels < 1 || windowHeight < 1 || windowWidth < 1 || stride < 1) {
                throw new IllegalArgumentException("invalid pooling geometry " + this);
            }
            if (windowHeight > height || windowWidth > width) {
                throw new IllegalArgumentException("a " + windowHeight + "×" + windowWidth
                        + " pooling window does not fit a " + height + "×" + width + " image");
            }
        }

        /** Output rows. */
        public int outHeight() {
            return (height - windowHeight) / stride + 1;
        }

        /** Output columns. */
        public int outWidth() {
            return (width - windowWidth) / stride + 1;
        }

        /** Values of one input image. */
        public int inSize() {
            return height * width * channels;
        }

        /** Values of one output image. */
        public int outSize() {
            return outHeight() * outWidth() * channels;
        }
    }

    /**
     * Max pooling: {@code out} gets each window's largest value. {@code in} not modified; {@code out} modified.
     *
     * @param in  {@code batch × H·W·C} NHWC images
     * @param out {@code batch × Ho·Wo·C}
     */
    public static void max(float[] in, int batch, Window g, float[] out, KernelThreads threads) {
        int parts = threads.partsFor((long) batch * g.inSize(), batch);
        if (parts == 1) {
            maxSamples(in, g, out, 0, batch);
        } else {
            threads.run(parts, (w, ws) -> maxSamples(in, g, out, KernelThreads.bound(batch, w, ws),
                    KernelThreads.bound(batch, w + 1, ws)));
        }
    }

    /**
     * Gradient of {@link #max(float[], int, Window, float[], KernelThreads)}: each output gradient goes to the first
     * input of its window (row-major) equal to the window's maximum. {@code grad} overwritten; the rest not modified.
     *
     * @param in      the forward input; @param out the forward output
     * @param gradOut {@code batch × Ho·Wo·C}; @param grad {@code batch × H·W·C}
     */
    public static void maxBackward(float[] in, float[] out, float[] gradOut, int batch, Window g, float[] grad,
                                   KernelThreads threads) {
        int parts = threads.partsFor((long) batch * g.inSize(), batch);
        if (parts == 1) {
            maxBackwardSamples(in, out, gradOut, g, grad, 0, batch);
        } else {
            threads.run(parts, (w, ws) -> maxBackwardSamples(in, out, gradOut, g, grad,
                    KernelThreads.bound(batch, w, ws), KernelThreads.bound(batch, w + 1, ws)));
        }
    }

    /** Average pooling: {@code out} (modified) gets each window's mean. {@code in} not modified. */
    public static void average(float[] in, int batch, Window g, float[] out, KernelThreads threads) {
        int parts = threads.partsFor((long) batch * g.inSize(), batch);
        if (parts == 1) {
            averageSamples(in, g, out, 0, batch);
        } else {
            threads.run(parts, (w, ws) -> averageSamples(in, g, out, KernelThreads.bound(batch, w, ws),
                    KernelThreads.bound(batch, w + 1, ws)));
        }
    }

    /** Gradient of average pooling: each output gradient spread evenly over its window; {@code grad} overwritten. */
    public static void averageBackward(float[] gradOut, int batch, Window g, float[] grad, KernelThreads threads) {
        int parts = threads.partsFor((long) batch * g.inSize(), batch);
        if (parts == 1) {
            averageBackwardSamples(gradOut, g, grad, 0, batch);
        } else {
            threads.run(parts, (w, ws) -> averageBackwardSamples(gradOut, g, grad, KernelThreads.bound(batch, w, ws),
                    KernelThreads.bound(batch, w + 1, ws)));
        }
    }

    private static void maxSamples(float[] in, Window g, float[] out, int b0, int b1) {
        int c = g.channels();
        int w = g.width();
        for (int b = b0; b < b1; b++) {
            int image = b * g.inSize();
            int o = b * g.outSize();
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++, o += c) {
                    int corner = image + (oy * g.stride() * w + ox * g.stride()) * c;
                    System.arraycopy(in, corner, out, o, c);
                    for (int dy = 0; dy < g.windowHeight(); dy++) {
                        for (int dx = dy == 0 ? 1 : 0; dx < g.windowWidth(); dx++) {
                            int at = corner + (dy * w + dx) * c;
                            for (int ch = 0; ch < c; ch++) {
                                out[o + ch] = Math.max(out[o + ch], in[at + ch]);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void maxBackwardSamples(float[] in, float[] out, float[] gradOut, Window g, float[] grad, int b0,
                                           int b1) {
        int c = g.channels();
        int w = g.width();
        float[] remaining = FloatScratch.get(c);
        Arrays.fill(grad, b0 * g.inSize(), b1 * g.inSize(), 0f);
        for (int b = b0; b < b1; b++) {
            int image = b * g.inSize();
            int o = b * g.outSize();
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++, o += c) {
                    int corner = image + (oy * g.stride() * w + ox * g.stride()) * c;
                    System.arraycopy(gradOut, o, remaining, 0, c);
                    // window positions in row-major order; the first input equal to the maximum takes the gradient
                    for (int dy = 0; dy < g.windowHeight(); dy++) {
                        for (int dx = 0; dx < g.windowWidth(); dx++) {
                            int at = corner + (dy * w + dx) * c;
                            for (int ch = 0; ch < c; ch++) {
                                if (in[at + ch] == out[o + ch]) {
                                    grad[at + ch] += remaining[ch];
                                    remaining[ch] = 0f;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static void averageSamples(float[] in, Window g, float[] out, int b0, int b1) {
        int c = g.channels();
        int w = g.width();
        float scale = 1f / (g.windowHeight() * g.windowWidth());
        for (int b = b0; b < b1; b++) {
            int image = b * g.inSize();
            int o = b * g.outSize();
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++, o += c) {
                    Arrays.fill(out, o, o + c, 0f);
                    int corner = image + (oy * g.stride() * w + ox * g.stride()) * c;
                    for (int dy = 0; dy < g.windowHeight(); dy++) {
                        for (int dx = 0; dx < g.windowWidth(); dx++) {
                            int at = corner + (dy * w + dx) * c;
                            for (int ch = 0; ch < c; ch++) {
                                out[o + ch] += in[at + ch];
                            }
                        }
                    }
                    for (int ch = 0; ch < c; ch++) {
                        out[o + ch] *= scale;
                    }
                }
            }
        }
    }

    private static void averageBackwardSamples(float[] gradOut, Window g, float[] grad, int b0, int b1) {
        int c = g.channels();
        int w = g.width();
        float scale = 1f / (g.windowHeight() * g.windowWidth());
        Arrays.fill(grad, b0 * g.inSize(), b1 * g.inSize(), 0f);
        for (int b = b0; b < b1; b++) {
            int image = b * g.inSize();
            int o = b * g.outSize();
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++, o += c) {
                    int corner = image + (oy * g.stride() * w + ox * g.stride()) * c;
                    for (int dy = 0; dy < g.windowHeight(); dy++) {
                        for (int dx = 0; dx < g.windowWidth(); dx++) {
                            int at = corner + (dy * w + dx) * c;
                            for (int ch = 0; ch < c; ch++) {
                                grad[at + ch] += gradOut[o + ch] * scale;
                            }
                        }
                    }
                }
            }
        }
    }

    public static void max(double[] in, int batch, Window g, double[] out, KernelThreads threads) {
        int parts = threads.partsFor((long) batch * g.inSize(), batch);
        if (parts == 1) {
            maxSamples(in, g, out, 0, batch);
        } else {
            threads.run(parts, (w, ws) -> maxSamples(in, g, out, KernelThreads.bound(batch, w, ws),
                    KernelThreads.bound(batch, w + 1, ws)));
        }
    }

    /** The float method of the same name in double. */
    public static void maxBackward(double[] in, double[] out, double[] gradOut, int batch, Window g, double[] grad,
                                   KernelThreads threads) {
        int parts = threads.partsFor((long) batch * g.inSize(), batch);
        if (parts == 1) {
            maxBackwardSamples(in, out, gradOut, g, grad, 0, batch);
        } else {
            threads.run(parts, (w, ws) -> maxBackwardSamples(in, out, gradOut, g, grad,
                    KernelThreads.bound(batch, w, ws), KernelThreads.bound(batch, w + 1, ws)));
        }
    }

    /** {@link #average(float[], int, Window, float[], KernelThreads)} in double. */
    public static void average(double[] in, int batch, Window g, double[] out, KernelThreads threads) {
        int parts = threads.partsFor((long) batch * g.inSize(), batch);
        if (parts == 1) {
            averageSamples(in, g, out, 0, batch);
        } else {
            threads.run(parts, (w, ws) -> averageSamples(in, g, out, KernelThreads.bound(batch, w, ws),
                    KernelThreads.bound(batch, w + 1, ws)));
        }
    }

    /** The float method of the same name in double. */
    public static void averageBackward(double[] gradOut, int batch, Window g, double[] grad, KernelThreads threads) {
        int parts = threads.partsFor((long) batch * g.inSize(), batch);
        if (parts == 1) {
            averageBackwardSamples(gradOut, g, grad, 0, batch);
        } else {
            threads.run(parts, (w, ws) -> averageBackwardSamples(gradOut, g, grad, KernelThreads.bound(batch, w, ws),
                    KernelThreads.bound(batch, w + 1, ws)));
        }
    }

    private static void maxSamples(double[] in, Window g, double[] out, int b0, int b1) {
        int c = g.channels();
        int w = g.width();
        for (int b = b0; b < b1; b++) {
            int image = b * g.inSize();
            int o = b * g.outSize();
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++, o += c) {
                    int corner = image + (oy * g.stride() * w + ox * g.stride()) * c;
                    System.arraycopy(in, corner, out, o, c);
                    for (int dy = 0; dy < g.windowHeight(); dy++) {
                        for (int dx = dy == 0 ? 1 : 0; dx < g.windowWidth(); dx++) {
                            int at = corner + (dy * w + dx) * c;
                            for (int ch = 0; ch < c; ch++) {
                                out[o + ch] = Math.max(out[o + ch], in[at + ch]);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void maxBackwardSamples(double[] in, double[] out, double[] gradOut, Window g, double[] grad, int b0,
                                           int b1) {
        int c = g.channels();
        int w = g.width();
        double[] remaining = DoubleScratch.get(c);
        Arrays.fill(grad, b0 * g.inSize(), b1 * g.inSize(), 0.0);
        for (int b = b0; b < b1; b++) {
            int image = b * g.inSize();
            int o = b * g.outSize();
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++, o += c) {
                    int corner = image + (oy * g.stride() * w + ox * g.stride()) * c;
                    System.arraycopy(gradOut, o, remaining, 0, c);
                    // window positions in row-major order; the first input equal to the maximum takes the gradient
                    for (int dy = 0; dy < g.windowHeight(); dy++) {
                        for (int dx = 0; dx < g.windowWidth(); dx++) {
                            int at = corner + (dy * w + dx) * c;
                            for (int ch = 0; ch < c; ch++) {
                                if (in[at + ch] == out[o + ch]) {
                                    grad[at + ch] += remaining[ch];
                                    remaining[ch] = 0.0;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static void averageSamples(double[] in, Window g, double[] out, int b0, int b1) {
        int c = g.channels();
        int w = g.width();
        double scale = 1.0 / (g.windowHeight() * g.windowWidth());
        for (int b = b0; b < b1; b++) {
            int image = b * g.inSize();
            int o = b * g.outSize();
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++, o += c) {
                    Arrays.fill(out, o, o + c, 0.0);
                    int corner = image + (oy * g.stride() * w + ox * g.stride()) * c;
                    for (int dy = 0; dy < g.windowHeight(); dy++) {
                        for (int dx = 0; dx < g.windowWidth(); dx++) {
                            int at = corner + (dy * w + dx) * c;
                            for (int ch = 0; ch < c; ch++) {
                                out[o + ch] += in[at + ch];
                            }
                        }
                    }
                    for (int ch = 0; ch < c; ch++) {
                        out[o + ch] *= scale;
                    }
                }
            }
        }
    }

    private static void averageBackwardSamples(double[] gradOut, Window g, double[] grad, int b0, int b1) {
        int c = g.channels();
        int w = g.width();
        double scale = 1.0 / (g.windowHeight() * g.windowWidth());
        Arrays.fill(grad, b0 * g.inSize(), b1 * g.inSize(), 0.0);
        for (int b = b0; b < b1; b++) {
            int image = b * g.inSize();
            int o = b * g.outSize();
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++, o += c) {
                    int corner = image + (oy * g.stride() * w + ox * g.stride()) * c;
                    for (int dy = 0; dy < g.windowHeight(); dy++) {
                        for (int dx = 0; dx < g.windowWidth(); dx++) {
                            int at = corner + (dy * w + dx) * c;
                            for (int ch = 0; ch < c; ch++) {
                                grad[at + ch] += gradOut[o + ch] * scale;
                            }
                        }
                    }
                }
            }
        }
    }
}
