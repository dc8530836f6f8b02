package org.defrost.nn.conv;

/**
 * The geometry of a pooling window on NHWC images: square windows of {@code size} pixels moved by
 * {@code stride}, without padding; an output pixel exists for every window that fits entirely (PyTorch's floor
 * rule), so the output is {@code ((H − size) / stride + 1) × ((W − size) / stride + 1)}. Global average pooling
 * is the rectangular window {@code H × W}.
 *
 * @param channels C; @param height H; @param width W
 * @param windowHeight rows of the window; @param windowWidth columns of the window; @param stride step
 */
public record PoolGeometry(int channels, int height, int width, int windowHeight, int windowWidth, int stride) {

    public PoolGeometry {
        if (channels < 1 || windowHeight < 1 || windowWidth < 1 || stride < 1) {
            throw new IllegalArgumentException("invalid pooling geometry " + this);
        }
        if (windowHeight > height || windowWidth > width) {
            throw new IllegalArgumentException("a " + windowHeight + "×" + windowWidth + " pooling window does not fit a "
                    + height + "×" + width + " image");
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

    /** Floats of one input image. */
    public int inSize() {
        return height * width * channels;
    }

    /** Floats of one output image. */
    public int outSize() {
        return outHeight() * outWidth() * channels;
    }
}
