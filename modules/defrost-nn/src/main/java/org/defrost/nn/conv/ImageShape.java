package org.defrost.nn.conv;

/**
 * The shape of one sample between layers: {@code channels × height × width}, stored NHWC (channel fastest), so a
 * batch is a {@code rows × size()} matrix. A flat vector of width n is {@code n × 1 × 1}.
 */
public record ImageShape(int channels, int height, int width) {

    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape needs positive sizes, got " + channels + "×" + height
                    + "×" + width);
        }
    }

    /** A flat vector of {@code width} values. */
    public static ImageShape flat(int width) {
        return new ImageShape(width, 1, 1);
    }

    /** Values per sample, C·H·W. */
    public int size() {
        return channels * height * width;
    }

    /** Pixels per sample, H·W. */
    public int pixels() {
        return height * width;
    }

    @Override
    public String toString() {
        return channels + "×" + height + "×" + width;
    }
}
