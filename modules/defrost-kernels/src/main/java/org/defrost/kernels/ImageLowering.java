package org.defrost.kernels;

/**
 * Lowers a 2-D convolution to a matrix product (im2col) and scatters the product's gradient back (col2im), on
 * batches of images stored NHWC: sample b, row y, column x, channel c at {@code ((b·H + y)·W + x)·C + c}.
 *
 * <p>Row {@code (b·Ho + oy)·Wo + ox} of the lowered matrix holds the receptive field of output pixel (oy, ox) of
 * sample b, in (ky, kx, c) order: column {@code (ky·kw + kx)·C + c} is the input at
 * {@code (oy·stride − pad + ky, ox·stride − pad + kx, c)}, or 0 where that falls in the padding. With the
 * weights stored {@code (kh·kw·C) × Cout}, the convolution is {@code out = lowered · W}, an
 * {@code (B·Ho·Wo) × Cout} matrix that is the NHWC output. The float32 products never write this matrix: they read
 * it from the images in place ({@link ImagePatches}); lowering and scatter serve the float64 reference and the
 * input gradient of strided convolutions.
 *
 * <p>Both directions are written once for both precisions ({@link ElementOps}) and split the batch by samples
 * across {@link KernelThreads} ({@link SampleLoop}); each sample's values are written by one thread in a fixed
 * order, so results are bit-identical for any number of threads. Nothing is allocated beyond the task of a
 * parallel call.
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

        /** Values of one input image, H·W·C. */
        public int imageSize() {
            return height * width * channels;
        }

        /** Output pixels of one image, Ho·Wo. */
        public int outPixels() {
            return outHeight() * outWidth();
        }

        /**
         * Whether the input gradient is itself a convolution ({@link #inputGradient}): stride 1, a square kernel,
         * and padding at most {@code k − 1}, so that no input pixel lies outside every receptive field.
         */
        public boolean gradientIsConvolution() {
            return stride == 1 && kernelHeight == kernelWidth && padding < kernelHeight;
        }

        /**
         * The input gradient as a convolution: with stride 1, input pixel (y, x) is covered by the fields of output
         * pixels {@code (y + pad − ky, x + pad − kx)}, so {@code dX = conv(dZ, W')} over the {@code Ho×Wo×F} output
         * gradient with padding {@code k − 1 − pad}, where W' is the kernel turned by 180° with input and output
         * channels exchanged ({@link ImagePatches#rotateKernel}). The result has this geometry's input size.
         *
         * @param filters F, the output channels of this convolution
         * @throws IllegalStateException when {@link #gradientIsConvolution} is false
         */
        public Geometry inputGradient(int filters) {
            if (!gradientIsConvolution()) {
                throw new IllegalStateException("the input gradient of " + this + " is not a convolution");
            }
            return new Geometry(filters, outHeight(), outWidth(), kernelHeight, kernelWidth, 1,
                    kernelHeight - 1 - padding);
        }

        /** Values of the lowered matrix of {@code batch} images. */
        long loweredSize(int batch) {
            return (long) batch * outPixels() * patchSize();
        }
    }

    /**
     * Lowers {@code batch} images.
     *
     * @param input   {@code batch × H·W·C} NHWC images. Not modified.
     * @param lowered receives the {@code (batch·Ho·Wo) × (kh·kw·C)} lowered matrix in its first elements. Modified.
     * @param ops     the precision of the arrays
     */
    public static <A> void lower(A input, int batch, Geometry g, A lowered, ElementOps<A> ops, KernelThreads threads) {
        SampleLoop.over(batch, g.loweredSize(batch), threads,
                (x, y, z, w, geometry, o, b0, b1) -> walk(true, x, y, geometry, o, b0, b1), input, lowered, null, null,
                g, ops);
    }

    /**
     * The adjoint of {@link #lower}: {@code grad} = the sum, over every lowered entry, of its value at the input
     * position it was copied from (padding entries are dropped), added in the order of the lowered rows.
     *
     * @param lowered {@code (batch·Ho·Wo) × (kh·kw·C)}. Not modified.
     * @param grad    receives {@code batch × H·W·C}, overwritten. Modified.
     */
    public static <A> void scatter(A lowered, int batch, Geometry g, A grad, ElementOps<A> ops, KernelThreads threads) {
        SampleLoop.over(batch, g.loweredSize(batch), threads,
                (x, y, z, w, geometry, o, b0, b1) -> walk(false, y, x, geometry, o, b0, b1), lowered, grad, null, null,
                g, ops);
    }

    /**
     * Walks the lowered rows of samples [b0, b1) run by run: for output pixel (oy, ox) and kernel row ky, a run of
     * the lowered row either copies consecutive input values or lies in the padding. Lowering copies the runs into
     * {@code lowered} and zeroes the padding; its adjoint overwrites {@code image} with the sums of the runs.
     */
    private static <A> void walk(boolean lower, A image, A lowered, Geometry g, ElementOps<A> ops, int b0, int b1) {
        int c = g.channels();
        int w = g.width();
        int kw = g.kernelWidth();
        if (!lower) {
            ops.zero(image, b0 * g.imageSize(), b1 * g.imageSize());
        }
        for (int b = b0; b < b1; b++) {
            int sample = b * g.imageSize();
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++) {
                    int row = ((b * g.outHeight() + oy) * g.outWidth() + ox) * g.patchSize();
                    int x0 = ox * g.stride() - g.padding();
                    int first = Math.max(0, -x0);
                    int last = Math.min(kw, w - x0);
                    for (int ky = 0; ky < g.kernelHeight(); ky++, row += kw * c) {
                        int y = oy * g.stride() - g.padding() + ky;
                        boolean inside = y >= 0 && y < g.height() && first < last;
                        if (inside && lower) {
                            ops.zero(lowered, row, row + first * c);
                            System.arraycopy(image, sample + (y * w + x0 + first) * c, lowered, row + first * c,
                                    (last - first) * c);
                            ops.zero(lowered, row + last * c, row + kw * c);
                        } else if (inside) {
                            ops.add(lowered, row + first * c, image, sample + (y * w + x0 + first) * c,
                                    (last - first) * c);
                        } else if (lower) {
                            ops.zero(lowered, row, row + kw * c);
                        }
                    }
                }
            }
        }
    }
}
