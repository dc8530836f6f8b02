package org.defrost.kernels;

import java.util.Arrays;

/**
 * The lowered matrix of a convolution ({@link ImageLowering}) as an operand of the float products, read from the
 * NHWC images in place: element (i, p), pixel row {@code i = (b·Ho + oy)·Wo + ox} and patch column
 * {@code p = (ky·kw + kx)·C + c}, is the input at {@code (oy·stride − pad + ky, ox·stride − pad + kx, c)} of
 * sample b, or 0 where that falls in the padding. A product packs the panels it needs straight from the images
 * (implicit GEMM), so the lowered matrix, {@code kh·kw} times larger than the images, is never written: for one
 * pixel and one kernel row the {@code kw·C} patch columns are consecutive input values (fewer at a border), so
 * packing copies runs.
 *
 * <p>An instance describes one geometry and is immutable; the images and the number of pixel rows are given
 * with each product ({@link FloatGemm#convolve}, {@link FloatGemm#multTransAPatches}).
 */
public final class ImagePatches {
    private final ImageLowering.Geometry g;
    /** Whether the pixel index is the operand's free index (left of a product) rather than its summed one. */
    private final boolean pixelsFree;
    private final ImagePatches transposed;
    /** Consecutive input values worth a {@code System.arraycopy}. */
    private static final int LONG_RUN = 16;
    /** Channels below which {@link #byColumns} copies column by column rather than a group per pixel. */
    private static final int SHORT_GROUP = 8;

    /** The lowered matrix of geometry {@code g}: pixel rows × patch columns. */
    public ImagePatches(ImageLowering.Geometry g) {
        this.g = g;
        this.pixelsFree = true;
        this.transposed = new ImagePatches(this);
    }

    private ImagePatches(ImagePatches twin) {
        this.g = twin.g;
        this.pixelsFree = !twin.pixelsFree;
        this.transposed = twin;
    }

    /** The geometry of the convolution. */
    public ImageLowering.Geometry geometry() {
        return g;
    }

    /** The same values with the roles of the two indices exchanged (the transposed operand). */
    ImagePatches transposed() {
        return transposed;
    }

    /**
     * Copies a block of this operand: element (f, d), free index f in [f0, f0 + freeCount) and summed index d in
     * [d0, d0 + depthCount), goes to {@code dst[dstOff + (f − f0)·freeStep + (d − d0)·depthStep]}; free indices at
     * or beyond {@code extent} give zeros. The free index is the pixel row, or the patch column for the
     * {@link #transposed} operand.
     *
     * @param image  the NHWC images. Not modified.
     * @param extent the operand's free size: pixel rows of the product, or the patch size
     * @param dst    destination. Modified.
     */
    void pack(float[] image, int extent, int f0, int freeCount, int d0, int depthCount, float[] dst, int dstOff,
            int freeStep, int depthStep) {
        int valid = Math.max(0, Math.min(freeCount, extent - f0));
        if (pixelsFree) {
            copy(image, f0, valid, d0, d0 + depthCount, dst, dstOff, freeStep, depthStep);
        } else {
            copy(image, d0, depthCount, f0, f0 + valid, dst, dstOff, depthStep, freeStep);
        }
        for (int f = valid; f < freeCount; f++) {
            fill(dst, dstOff + f * freeStep, depthCount, depthStep);
        }
    }

    /**
     * Writes element (i, p) for pixel rows i in [i0, i0 + pixels) and patch columns p in [p0, p1) to
     * {@code dst[off + (i − i0)·pixelStep + (p − p0)·colStep]}: pixel by pixel when the columns are consecutive in
     * dst and many of them are consecutive in the image (long runs to copy), else column by column.
     */
    private void copy(float[] image, int i0, int pixels, int p0, int p1, float[] dst, int off, int pixelStep,
            int colStep) {
        if (pixels <= 0 || p0 >= p1) {
            return;
        }
        if (colStep == 1 && p1 - p0 >= 2 * LONG_RUN && g.kernelWidth() * g.channels() >= LONG_RUN) {
            byPixels(image, i0, pixels, p0, p1, dst, off, pixelStep);
        } else {
            byColumns(image, i0, pixels, p0, p1, dst, off, pixelStep, colStep);
        }
    }

    /**
     * {@link #copy} pixel by pixel and kernel row by kernel row, with {@code colStep} 1: the columns of kernel row
     * ky hold, for a pixel whose receptive field row y lies in the image, zeros, then the consecutive input values
     * from column {@code max(x0, 0)} on, then zeros again. Pixels are walked in order, so the sample and output
     * position are divided out once.
     */
    private void byPixels(float[] image, int i0, int pixels, int p0, int p1, float[] dst, int off, int pixelStep) {
        int colStep = 1;
        int c = g.channels();
        int w = g.width();
        int wo = g.outWidth();
        int ho = g.outHeight();
        int run = g.kernelWidth() * c;
        int b = i0 / (ho * wo);
        int oy = i0 % (ho * wo) / wo;
        int ox = i0 % wo;
        int kyFirst = p0 / run;
        for (int i = 0; i < pixels; i++) {
            int d = off + i * pixelStep - p0 * colStep;
            int sample = b * g.imageSize();
            int y0 = oy * g.stride() - g.padding();
            int x0 = ox * g.stride() - g.padding();
            int first = Math.max(0, -x0) * c;
            int last = Math.min(g.kernelWidth(), w - x0) * c;
            for (int ky = kyFirst, rs = kyFirst * run; rs < p1; ky++, rs += run) {
                int lo = Math.max(p0, rs);
                int hi = Math.min(p1, rs + run);
                int y = y0 + ky;
                int vlo = hi;
                int vhi = hi;
                if (y >= 0 && y < g.height() && first < last) {
                    vlo = Math.min(hi, Math.max(lo, rs + first));
                    vhi = Math.max(vlo, Math.min(hi, rs + last));
                }
                fill(dst, d + lo * colStep, vlo - lo, colStep);
                if (vhi > vlo) {
                    move(image, sample + (y * w + x0) * c + vlo - rs, dst, d + vlo * colStep, vhi - vlo, colStep);
                }
                fill(dst, d + vhi * colStep, hi - vhi, colStep);
            }
            if (++ox == wo) {
                ox = 0;
                if (++oy == ho) {
                    oy = 0;
                    b++;
                }
            }
        }
    }

    /**
     * {@link #copy} by runs of pixels within one output row and, for each run, by groups of columns that share a
     * kernel position (ky, kx): for each pixel of the run such a group is one run of consecutive input channels,
     * the pixels' runs lying {@code stride·C} apart, or zeros where the field leaves the image. Suits columns
     * written at a step (a panel of 16 columns, a transposed operand) and images with few channels (a one-channel
     * image's 3×3 patch, whose pixels read consecutive values), where the per-pixel work of {@link #byPixels}
     * would dominate.
     */
    private void byColumns(float[] image, int i0, int pixels, int p0, int p1, float[] dst, int off, int pixelStep,
            int colStep) {
        int c = g.channels();
        int w = g.width();
        int wo = g.outWidth();
        int ho = g.outHeight();
        int kw = g.kernelWidth();
        int stride = g.stride();
        int pad = g.padding();
        int b = i0 / (ho * wo);
        int oy = i0 % (ho * wo) / wo;
        int ox0 = i0 % wo;
        for (int i = 0; i < pixels; ) {
            int count = Math.min(pixels - i, wo - ox0);
            int end = ox0 + count;
            int sample = b * g.imageSize();
            int ky = p0 / (kw * c);
            int kx = p0 / c % kw;
            int ci = p0 % c;
            for (int p = p0; p < p1; ) {
                int len = Math.min(c - ci, p1 - p);
                int d = off + (i - ox0) * pixelStep + (p - p0) * colStep;
                int y = oy * stride - pad + ky;
                // output columns ox whose input column ox·stride − pad + kx lies in [0, w)
                int lo = Math.max(ox0, pad > kx ? (pad - kx + stride - 1) / stride : 0);
                int hi = Math.min(end, w - 1 + pad - kx < 0 ? 0 : (w - 1 + pad - kx) / stride + 1);
                if (y < 0 || y >= g.height() || hi <= lo) {
                    lo = end;
                    hi = end;
                }
                for (int ox = ox0; ox < lo; ox++) {
                    fill(dst, d + ox * pixelStep, len, colStep);
                }
                int src = sample + (y * w - pad + kx) * c + ci;
                if (len < SHORT_GROUP) {
                    // column by column: a tight loop over the pixels rather than a short copy per pixel
                    for (int q = 0; q < len; q++) {
                        int dq = d + q * colStep;
                        for (int ox = lo; ox < hi; ox++) {
                            dst[dq + ox * pixelStep] = image[src + q + ox * stride * c];
                        }
                    }
                } else {
                    for (int ox = lo; ox < hi; ox++) {
                        move(image, src + ox * stride * c, dst, d + ox * pixelStep, len, colStep);
                    }
                }
                for (int ox = hi; ox < end; ox++) {
                    fill(dst, d + ox * pixelStep, len, colStep);
                }
                p += len;
                ci += len;
                if (ci == c) {
                    ci = 0;
                    if (++kx == kw) {
                        kx = 0;
                        ky++;
                    }
                }
            }
            i += count;
            ox0 = 0;
            if (++oy == ho) {
                oy = 0;
                b++;
            }
        }
    }

    /** {@code dst[d + t·step] = src[s + t]} for t < len. */
    private static void move(float[] src, int s, float[] dst, int d, int len, int step) {
        if (step == 1 && len >= 16) {
            System.arraycopy(src, s, dst, d, len);
        } else if (step == 1) {
            for (int t = 0; t < len; t++) {
                dst[d + t] = src[s + t];
            }
        } else {
            for (int t = 0; t < len; t++) {
                dst[d + t * step] = src[s + t];
            }
        }
    }

    /** {@code dst[d + t·step] = 0} for t < len. */
    private static void fill(float[] dst, int d, int len, int step) {
        if (step == 1 && len >= LONG_RUN) {
            Arrays.fill(dst, d, d + Math.max(len, 0), 0f);
        } else {
            for (int t = 0; t < len; t++) {
                dst[d + t * step] = 0f;
            }
        }
    }

    /**
     * The kernel of the input gradient as a convolution ({@link ImageLowering.Geometry#inputGradient}): the
     * weights turned by 180° with the input and output channels exchanged,
     * {@code rotated[((ky·kw + kx)·F + f)·C + c] = weight[(((kh−1−ky)·kw + (kw−1−kx))·C + c)·F + f]}.
     *
     * @param weight  {@code (kh·kw·C) × F} weights of geometry g. Not modified.
     * @param filters F, the output channels
     * @param rotated receives {@code (kh·kw·F) × C} in its first elements. Modified.
     */
    public static void rotateKernel(float[] weight, ImageLowering.Geometry g, int filters, float[] rotated) {
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int c = g.channels();
        for (int ky = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++) {
                int src = ((kh - 1 - ky) * kw + (kw - 1 - kx)) * c * filters;
                int dst = (ky * kw + kx) * filters * c;
                for (int ci = 0; ci < c; ci++) {
                    for (int f = 0; f < filters; f++) {
                        rotated[dst + f * c + ci] = weight[src + ci * filters + f];
                    }
                }
            }
        }
    }
}
