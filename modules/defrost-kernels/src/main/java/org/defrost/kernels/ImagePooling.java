package org.defrost.kernels;

/**
 * Max and average pooling over windows of NHWC images (sample b, row y, column x, channel c at
 * {@code ((b·H + y)·W + x)·C + c}), without padding, written once for both precisions ({@link ElementOps}). The
 * batch is split by samples across {@link KernelThreads} ({@link SampleLoop}); each sample is computed by one
 * thread in a fixed order, so results are bit-identical for any number of threads.
 * Max pooling keeps no indices: the backward pass finds each window's maximum again in the forward input.
 */
public final class ImagePooling {
    private ImagePooling() {
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
     * @param ops the precision of the arrays
     */
    public static <A> void max(A in, int batch, Window g, A out, ElementOps<A> ops, KernelThreads threads) {
        SampleLoop.over(batch, (long) batch * g.inSize(), threads,
                (x, y, z, w, window, o, b0, b1) -> pool(Pass.MAX, x, y, z, w, window, o, b0, b1), in, out, null, null,
                g, ops);
    }

    /**
     * Gradient of {@link #max}: each output gradient goes to the first input of its window (row-major) equal to the
     * window's maximum. {@code grad} overwritten; the rest not modified.
     *
     * @param in      the forward input; @param out the forward output
     * @param gradOut {@code batch × Ho·Wo·C}; @param grad {@code batch × H·W·C}
     */
    public static <A> void maxBackward(A in, A out, A gradOut, int batch, Window g, A grad, ElementOps<A> ops,
                                       KernelThreads threads) {
        SampleLoop.over(batch, (long) batch * g.inSize(), threads,
                (x, y, z, w, window, o, b0, b1) -> pool(Pass.MAX_BACKWARD, x, y, z, w, window, o, b0, b1), in, out,
                gradOut, grad, g, ops);
    }

    /** Average pooling: {@code out} (modified) gets each window's mean. {@code in} not modified. */
    public static <A> void average(A in, int batch, Window g, A out, ElementOps<A> ops, KernelThreads threads) {
        SampleLoop.over(batch, (long) batch * g.inSize(), threads,
                (x, y, z, w, window, o, b0, b1) -> pool(Pass.AVERAGE, x, y, z, w, window, o, b0, b1), in, out, null,
                null, g, ops);
    }

    /** Gradient of average pooling: each output gradient spread evenly over its window; {@code grad} overwritten. */
    public static <A> void averageBackward(A gradOut, int batch, Window g, A grad, ElementOps<A> ops,
                                           KernelThreads threads) {
        SampleLoop.over(batch, (long) batch * g.inSize(), threads,
                (x, y, z, w, window, o, b0, b1) -> pool(Pass.AVERAGE_BACKWARD, x, y, z, w, window, o, b0, b1), null,
                null, gradOut, grad, g, ops);
    }

    /** What {@link #pool} computes. */
    private enum Pass { MAX, MAX_BACKWARD, AVERAGE, AVERAGE_BACKWARD }

    /**
     * One pass over the windows of samples [b0, b1): output pixels in order, window positions row-major.
     *
     * @param in      forward input (forward passes and max's gradient); @param out forward output
     * @param gradOut output gradient; @param grad input gradient (backward passes), overwritten
     */
    private static <A> void pool(Pass pass, A in, A out, A gradOut, A grad, Window g, ElementOps<A> ops, int b0,
                                 int b1) {
        int c = g.channels();
        int w = g.width();
        int taps = g.windowHeight() * g.windowWidth();
        A remaining = pass == Pass.MAX_BACKWARD ? ops.scratch(c) : null;
        if (grad != null) {
            ops.zero(grad, b0 * g.inSize(), b1 * g.inSize());
        }
        for (int b = b0; b < b1; b++) {
            int image = b * g.inSize();
            int o = b * g.outSize();
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++, o += c) {
                    int corner = image + (oy * g.stride() * w + ox * g.stride()) * c;
                    for (int tap = 0; tap < taps; tap++) {
                        int at = corner + (tap / g.windowWidth() * w + tap % g.windowWidth()) * c;
                        switch (pass) {
                            case MAX -> {
                                if (tap == 0) {
                                    System.arraycopy(in, at, out, o, c);
                                } else {
                                    ops.max(in, at, out, o, c);
                                }
                            }
                            case MAX_BACKWARD -> {
                                // the first input equal to the maximum takes the gradient
                                if (tap == 0) {
                                    System.arraycopy(gradOut, o, remaining, 0, c);
                                }
                                ops.routeToMaximum(in, at, out, o, remaining, grad, c);
                            }
                            case AVERAGE -> {
                                if (tap == 0) {
                                    ops.zero(out, o, o + c);
                                }
                                ops.add(in, at, out, o, c);
                                if (tap == taps - 1) {
                                    ops.scaleByInverse(out, o, c, taps);
                                }
                            }
                            case AVERAGE_BACKWARD -> ops.addScaledByInverse(gradOut, o, grad, at, c, taps);
                        }
                    }
                }
            }
        }
    }
}
