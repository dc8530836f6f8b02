package org.defrost.tasks.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Datasets as images for convolutional networks: inputs of shape {@code [C, H, W]} (channels, height, width)
 * whose rows store pixels in NHWC order, channel fastest. For one channel that is the row-major image, so a
 * grey-scale dataset read flat (e.g. Fashion-MNIST, shape {@code [28, 28]}) becomes an image dataset without
 * touching its values.
 */
public final class ImageDatasets {
    private ImageDatasets() {
    }

    /** Fashion-MNIST from {@code directory} as {@code 1×28×28} images ({@link FashionMnist#load(Path)}). */
    public static Dataset fashionMnist(Path directory) throws IOException {
        return asImages(FashionMnist.load(directory), 1);
    }

    /**
     * {@code data} with its input shape declared as {@code [channels, H, W]}; the values are shared, not copied.
     *
     * @param data     a dataset of shape {@code [H, W]} (one channel) or already {@code [channels, H, W]}
     * @param channels C; with shape {@code [H, W]} it must be 1, since rows of a flat dataset hold one value per pixel
     * @throws IllegalArgumentException when the shape is neither
     */
    public static Dataset asImages(Dataset data, int channels) {
        int[] s = data.inputShape();
        if (s.length == 3 && s[0] == channels) {
            return data;
        }
        if (s.length != 2 || channels != 1) {
            throw new IllegalArgumentException(data.name() + ": input shape " + Arrays.toString(s)
                    + " cannot be read as images of " + channels + " channel(s)");
        }
        return new Dataset(data.name(), data.train(), data.test(), new int[] {1, s[0], s[1]}, data.classNames());
    }
}
