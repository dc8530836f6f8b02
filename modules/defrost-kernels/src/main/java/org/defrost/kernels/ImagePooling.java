package org.defrost.kernels;

/**
 * Max and average pooling over windows of NHWC images (sample b, row y, column x, channel c at
 * {@code ((b·H + y)·W + x)·C + c}), without padding, written once for both precisions ({@link ElementOps}). The
 * batch is split by samples across {@link KernelThreads} ({@link SampleLoop}); each sample is computed by one
 * thread in a fixed order, so results are bit-identical for any number of threads.
 * Max pooling in training records where each window's maximum is ({@link Maxima}), so that the backward pass
 * routes the gradients without searching the windows again.
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
     * Where each window's maximum was in the last forward pass of {@link #max(Object, int, Maxima, Object,
     * ElementOps, KernelThreads)}: for every output value, the window position (row-major, {@code dy·ww + dx}) of
     * the first input equal to the window's maximum. Allocated once for up to {@code capacity} samples, so that
     * pooling allocates nothing per batch; {@link #maxBackward} routes each output gradient with it, comparing no
     * values. (A window holding NaN pools to NaN, and its gradient goes to one of its inputs.)
     */
    public static final class Maxima {
        private final Window window;
        private final int[] taps;
        /** Offset of each window position from the window's first input, row-major. */
        private final int[] offsets;

        /** Room for {@code capacity} samples of {@code window}'s output. */
        public Maxima(Window window, int capacity) {
            this.window = window;
            this.taps = new int[Math.multiplyExact(Math.max(1, capacity), window.outSize())];
            this.offsets = new int[window.windowHeight() * window.windowWidth()];
            for (int dy = 0, t = 0; dy < window.windowHeight(); dy++) {
                for (int dx = 0; dx < window.windowWidth(); dx++, t++) {
                    offsets[t] = (dy * window.width() + dx) * window.channels();
                }
            }
        }

        /** The pooling geometry. */
        public Window window() {
            return window;
        }

        /** Samples it has room for. */
        public int capacity() {
            return taps.length / window.outSize();
        }

        private void check(int batch) {
            if (batch > capacity()) {
                throw new IllegalArgumentException(batch + " samples, room for " + capacity());
            }
        }
    }

    /**
     * Max pooling: {@code out} gets each window's largest value ({@link Math#max}, so NaN wins).
     * {@code in} not modified; {@code out} modified.
     *
     * @param in  {@code batch × H·W·C} NHWC images
     * @param out {@code batch × Ho·Wo·C}
     * @param ops the precision of the arrays
     */
    public static <A> void max(A in, int batch, Window g, A out, ElementOps<A> ops, KernelThreads threads) {
        SampleLoop.over(batch, (long) batch * g.inSize(), threads,
                (x, y, z, w, window, o, b0, b1) -> pool(Pass.MAX, x, y, z, w, window, null, o, b0, b1), in, out, null,
                null, g, ops);
    }

    /**
     * Max pooling that also records, in {@code maxima} (modified), the window position of the first input equal
     * to each maximum (row-major), for {@link #maxBackward}. {@code out} gets the same values as
     * {@link #max(Object, int, Window, Object, ElementOps, KernelThreads)}; {@code in} not modified.
     *
     * @param batch at most {@code maxima.capacity()}
     */
    public static <A> void max(A in, int batch, Maxima maxima, A out, ElementOps<A> ops, KernelThreads threads) {
        maxima.check(batch);
        SampleLoop.over(batch, (long) batch * maxima.window.inSize(), threads,
                (x, y, z, w, m, o, b0, b1) -> pool(Pass.MAX_RECORDING, x, y, z, w, m.window, m, o, b0, b1), in, out,
                null, null, maxima, ops);
    }

    /**
     * Gradient of max pooling: each output gradient goes to the input that {@code maxima} recorded for it (the
     * first input of its window, row-major, equal to the window's maximum), every other input gets 0. When the
     * windows tile the image (stride equal to the window, no rows or columns left over), every input is written
     * once and nothing is zeroed first; otherwise the samples are zeroed and the gradients of overlapping windows
     * added in output order. {@code grad} overwritten; {@code gradOut, maxima} not modified.
     *
     * @param gradOut {@code batch × Ho·Wo·C}
     * @param maxima  as the forward pass of this batch left it
     * @param grad    {@code batch × H·W·C}
     */
    public static <A> void maxBackward(A gradOut, int batch, Maxima maxima, A grad, ElementOps<A> ops,
                                       KernelThreads threads) {
        maxima.check(batch);
        Window g = maxima.window;
        int s = g.stride();
        boolean tiles = s == g.windowHeight() && s == g.windowWidth() && g.outHeight() * s == g.height()
                && g.outWidth() * s == g.width();
        SampleLoop.over(batch, (long) batch * g.inSize(), threads, tiles
                        ? (x, y, z, w, m, o, b0, b1) -> pool(Pass.ROUTE, x, y, z, w, m.window, m, o, b0, b1)
                        : (x, y, z, w, m, o, b0, b1) -> pool(Pass.ADD_ROUTED, x, y, z, w, m.window, m, o, b0, b1),
                null, null, gradOut, grad, maxima, ops);
    }

    /** Average pooling: {@code out} (modified) gets each window's mean. {@code in} not modified. */
    public static <A> void average(A in, int batch, Window g, A out, ElementOps<A> ops, KernelThreads threads) {
        SampleLoop.over(batch, (long) batch * g.inSize(), threads,
                (x, y, z, w, window, o, b0, b1) -> pool(Pass.AVERAGE, x, y, z, w, window, null, o, b0, b1), in, out,
                null, null, g, ops);
    }

    /** Gradient of average pooling: each output gradient spread evenly over its window; {@code grad} overwritten. */
    public static <A> void averageBackward(A gradOut, int batch, Window g, A grad, ElementOps<A> ops,
                                           KernelThreads threads) {
        SampleLoop.over(batch, (long) batch * g.inSize(), threads,
                (x, y, z, w, window, o, b0, b1) -> pool(Pass.AVERAGE_BACKWARD, x, y, z, w, window, null, o, b0, b1),
                null, null, gradOut, grad, g, ops);
    }

    /** What {@link #pool} computes. */
    private enum Pass {
        MAX, MAX_RECORDING, AVERAGE,
        /** Max pooling's gradient over windows that tile the image: every input written once. */
        ROUTE,
        /** Max pooling's gradient over other windows: zeroed, then added to. */
        ADD_ROUTED,
        AVERAGE_BACKWARD
    }

    /**
     * One pass over the windows of samples [b0, b1): output pixels in order, window positions row-major.
     *
     * @param in      forward input (forward passes); @param out forward output
     * @param gradOut output gradient; @param grad input gradient (backward passes), overwritten
     * @param maxima  the window positions of the maxima (recorded by MAX_RECORDING, read by the routing passes),
     *                or null for the other passes
     */
    private static <A> void pool(Pass pass, A in, A out, A gradOut, A grad, Window g, Maxima maxima,
                                 ElementOps<A> ops, int b0, int b1) {
        int[] taps = maxima == null ? null : maxima.taps;
        int c = g.channels();
        int w = g.width();
        int count = g.windowHeight() * g.windowWidth();
        if (grad != null && pass != Pass.ROUTE) {
            ops.zero(grad, b0 * g.inSize(), b1 * g.inSize());
        }
        for (int b = b0; b < b1; b++) {
            int image = b * g.inSize();
            int o = b * g.outSize();
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++, o += c) {
                    int corner = image + (oy * g.stride() * w + ox * g.stride()) * c;
                    if (pass == Pass.MAX_RECORDING) {
                        ops.windowMax(in, corner, maxima.offsets, out, o, taps, c);
                        continue;
                    }
                    if (pass == Pass.ROUTE) {
                        ops.windowRoute(gradOut, o, taps, grad, corner, maxima.offsets, c);
                        continue;
                    }
                    for (int dy = 0, tap = 0; dy < g.windowHeight(); dy++) {
                        for (int dx = 0; dx < g.windowWidth(); dx++, tap++) {
                            int at = corner + (dy * w + dx) * c;
                            switch (pass) {
                                case MAX -> {
                                    if (tap == 0) {
                                        System.arraycopy(in, at, out, o, c);
                                    } else {
                                        ops.max(in, at, out, o, c);
                                    }
                                }
                                case AVERAGE -> {
                                    if (tap == 0) {
                                        ops.zero(out, o, o + c);
                                    }
                                    ops.add(in, at, out, o, c);
                                    if (tap == count - 1) {
                                        ops.scaleByInverse(out, o, c, count);
                                    }
                                }
                                case ADD_ROUTED -> ops.addRouted(gradOut, o, taps, tap, grad, at, c);
                                case AVERAGE_BACKWARD -> ops.addScaledByInverse(gradOut, o, grad, at, c, count);
                            }
                        }
                    }
                }
            }
        }
    }
}
