package org.defrost.kernels;

import java.util.Arrays;

/**
 * Lowers a 2-D convolution to a matrix product (im2col) and scatters the product's gradient back (col2im), on
 * batches of images stored NHWC: sample b, row y, column x, channel c at {@code ((b·H + y)·W + x)·C + c}.
 *
 * <p>Row {@code (b·Ho + oy)·Wo + ox} of the lowered matrix holds the receptive field of output pixel (oy, ox) of
 * sample b, in (ky, kx, c) order: column {@code (ky·kw + kx)·C + c} is the input at
 * {@code (oy·stride − pad + ky, ox·stride − pad + kx, c)}, or 0 where that falls in the padding. With the
 * weights stored {@code (kh·kw·C) × Cout}, the convolution is {@code out = lowered · W}, an
 * {@code (B·Ho·Wo) × Cout} matrix that is the NHWC output.
 *
 * <p>Both directions split the batch by samples across {@link KernelThreads}; each sample's values are written
 * by one thread in a fixed order, so results are bit-identical for any number of threads. Nothing is allocated
 * beyond the task of a parallel call.
 */
public final class ImageLowering {
    private ImageLowering() {
    }

    /**
     * The geometry of one convolution.
     *
     * @param channels input channels C; @param height input rows H; @param width input columns W
     * @param kernelHeight kh; @param kernelWidth kw; @param stride step between receptive fields, both axes
     * @param padding zero rows/columns added on every side
     */
    public record Geometry(int channels, int height, int width, int kernelHeight, int kernelWidth, int stride,
                           int padding) {
        public Geometry {
            if (channels < 1 || height < 1 || width < 1 || kernelHeight < 1 || kernelWidth < 1 || stride < 1
                    || padding < 0) {
                throw new IllegalArgumentException("invalid convolution geometry " + this);
            }
            if (height + 2 * padding < kernelHeight || width + 2 * padding < kernelWidth) {
                throw new IllegalArgumentException("a " + kernelHeight + "×" + kernelWidth + " kernel does not fit a "
                        + height + "×" + width + " image with padding " + padding);
            }
        }

        /** Output rows Ho = (H + 2·pad − kh) / stride + 1. */
        public int outHeight() {
            return (height + 2 * padding - kernelHeight) / stride + 1;
        }

        /** Output columns Wo = (W + 2·pad − kw) / stride + 1. */
        public int outWidth() {
            return (width + 2 * padding - kernelWidth) / stride + 1;
        }

        /** Columns of the lowered matrix, kh·kw·C. */
        public int patchSize() {
            return kernelHeight * kernelWidth * channels;
        }

        /** Floats of one input image, H·W·C. */
        public int imageSize() {
            return height * width * channels;
        }
    }

    /**
     * Lowers {@code batch} images.
     *
     * @param input   {@code batch × H·W·C} NHWC images. Not modified.
     * @param lowered receives the {@code (batch·Ho·Wo) × (kh·kw·C)} lowered matrix in its first elements. Modified.
     */
    public static void lower(float[] input, int batch, Geometry g, float[] lowered, KernelThreads threads) {
        int parts = threads.partsFor((long) batch * g.outHeight() * g.outWidth() * g.patchSize(), batch);
        if (parts == 1) {
            lowerSamples(input, g, lowered, 0, batch);
        } else {
            threads.run(parts, (w, ws) -> lowerSamples(input, g, lowered, KernelThreads.bound(batch, w, ws),
                    KernelThreads.bound(batch, w + 1, ws)));
        }
    }

    /** {@link #lower(float[], int, Geometry, float[], KernelThreads)} in double. */
    public static void lower(double[] input, int batch, Geometry g, double[] lowered, KernelThreads threads) {
        int parts = threads.partsFor((long) batch * g.outHeight() * g.outWidth() * g.patchSize(), batch);
        if (parts == 1) {
            lowerSamples(input, g, lowered, 0, batch);
        } else {
            threads.run(parts, (w, ws) -> lowerSamples(input, g, lowered, KernelThreads.bound(batch, w, ws),
                    KernelThreads.bound(batch, w + 1, ws)));
        }
    }

    /**
     * The adjoint of {@link #lower}: {@code grad} = the sum, over every lowered entry, of its value at the input
     * position it was copied from (padding entries are dropped).
     *
     * @param lowered {@code (batch·Ho·Wo) × (kh·kw·C)}. Not modified.
     * @param grad    receives {@code batch × H·W·C}, overwritten. Modified.
     */
    public static void scatter(float[] lowered, int batch, Geometry g, float[] grad, KernelThreads threads) {
        int parts = threads.partsFor((long) batch * g.outHeight() * g.outWidth() * g.patchSize(), batch);
        if (parts == 1) {
            scatterSamples(lowered, g, grad, 0, batch);
        } else {
            threads.run(parts, (w, ws) -> scatterSamples(lowered, g, grad, KernelThreads.bound(batch, w, ws),
                    KernelThreads.bound(batch, w + 1, ws)));
        }
    }

    /** {@link #scatter(float[], int, Geometry, float[], KernelThreads)} in double. */
    public static void scatter(double[] lowered, int batch, Geometry g, double[] grad, KernelThreads threads) {
        int parts = threads.partsFor((long) batch * g.outHeight() * g.outWidth() * g.patchSize(), batch);
        if (parts == 1) {
            scatterSamples(lowered, g, grad, 0, batch);
        } else {
            threads.run(parts, (w, ws) -> scatterSamples(lowered, g, grad, KernelThreads.bound(batch, w, ws),
                    KernelThreads.bound(batch, w + 1, ws)));
        }
    }

    private static void lowerSamples(float[] in, Geometry g, float[] out, int b0, int b1) {
        int c = g.channels();
        int h = g.height();
        int w = g.width();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int ho = g.outHeight();
        int wo = g.outWidth();
        int patch = g.patchSize();
        for (int b = b0; b < b1; b++) {
            int image = b * h * w * c;
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    int row = ((b * ho + oy) * wo + ox) * patch;
                    int x0 = ox * g.stride() - g.padding();
                    int first = Math.max(0, -x0);
                    int last = Math.min(kw, w - x0);
                    for (int ky = 0; ky < kh; ky++) {
                        int y = oy * g.stride() - g.padding() + ky;
                        int dst = row + ky * kw * c;
                        if (y < 0 || y >= h || first >= last) {
                            Arrays.fill(out, dst, dst + kw * c, 0f);
                            continue;
                        }
                        if (first > 0) {
                            Arrays.fill(out, dst, dst + first * c, 0f);
                        }
                        System.arraycopy(in, image + (y * w + x0 + first) * c, out, dst + first * c,
                                (last - first) * c);
                        if (last < kw) {
                            Arrays.fill(out, dst + last * c, dst + kw * c, 0f);
                        }
                    }
                }
            }
        }
    }

    private static void lowerSamples(double[] in, Geometry g, double[] out, int b0, int b1) {
        int c = g.channels();
        int h = g.height();
        int w = g.width();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int ho = g.outHeight();
        int wo = g.outWidth();
        int patch = g.patchSize();
        for (int b = b0; b < b1; b++) {
            int image = b * h * w * c;
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    int row = ((b * ho + oy) * wo + ox) * patch;
                    int x0 = ox * g.stride() - g.padding();
                    int first = Math.max(0, -x0);
                    int last = Math.min(kw, w - x0);
                    for (int ky = 0; ky < kh; ky++) {
                        int y = oy * g.stride() - g.padding() + ky;
                        int dst = row + ky * kw * c;
                        if (y < 0 || y >= h || first >= last) {
                            Arrays.fill(out, dst, dst + kw * c, 0.0);
                            continue;
                        }
                        if (first > 0) {
                            Arrays.fill(out, dst, dst + first * c, 0.0);
                        }
                        System.arraycopy(in, image + (y * w + x0 + first) * c, out, dst + first * c,
                                (last - first) * c);
                        if (last < kw) {
                            Arrays.fill(out, dst + last * c, dst + kw * c, 0.0);
                        }
                    }
                }
            }
        }
    }

    private static void scatterSamples(float[] lowered, Geometry g, float[] grad, int b0, int b1) {
        int c = g.channels();
        int h = g.height();
        int w = g.width();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int ho = g.outHeight();
        int wo = g.outWidth();
        int patch = g.patchSize();
        Arrays.fill(grad, b0 * g.imageSize(), b1 * g.imageSize(), 0f);
        for (int b = b0; b < b1; b++) {
            int image = b * h * w * c;
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    int row = ((b * ho + oy) * wo + ox) * patch;
                    int x0 = ox * g.stride() - g.padding();
                    int first = Math.max(0, -x0);
                    int last = Math.min(kw, w - x0);
                    for (int ky = 0; ky < kh; ky++) {
                        int y = oy * g.stride() - g.padding() + ky;
                        if (y < 0 || y >= h || first >= last) {
                            continue;
                        }
                        int src = row + (ky * kw + first) * c;
                        int dst = image + (y * w + x0 + first) * c;
                        int n = (last - first) * c;
                        for (int i = 0; i < n; i++) {
                            grad[dst + i] += lowered[src + i];
                        }
                    }
                }
            }
        }
    }

    private static void scatterSamples(double[] lowered, Geometry g, double[] grad, int b0, int b1) {
        int c = g.channels();
        int h = g.height();
        int w = g.width();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int ho = g.outHeight();
        int wo = g.outWidth();
        int patch = g.patchSize();
        Arrays.fill(grad, b0 * g.imageSize(), b1 * g.imageSize(), 0.0);
        for (int b = b0; b < b1; b++) {
            int image = b * h * w * c;
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    int row = ((b * ho + oy) * wo + ox) * patch;
                    int x0 = ox * g.stride() - g.padding();
                    int first = Math.max(0, -x0);
                    int last = Math.min(kw, w - x0);
                    for (int ky = 0; ky < kh; ky++) {
                        int y = oy * g.stride() - g.padding() + ky;
                        if (y < 0 || y >= h || first >= last) {
                            continue;
                        }
                        int src = row + (ky * kw + first) * c;
                        int dst = image + (y * w + x0 + first) * c;
                        int n = (last - first) * c;
                        for (int i = 0; i < n; i++) {
                            grad[dst + i] += lowered[src + i];
                        }
                    }
                }
            }
        }
    }
}
