package org.defrost.nn.conv;

import java.util.List;
import org.defrost.kernels.ImageLowering;
import org.defrost.kernels.ImagePooling;

/** One layer of a {@link BlockSpec}: its hyper-parameters, the shape it produces and the tensors it owns. */
public sealed interface LayerSpec {

    /** The output shape for {@code in}; throws {@link IllegalArgumentException} when the layer cannot apply. */
    ImageShape output(ImageShape in);

    /** The shapes {@code {rows, cols}} of the layer's tensors for input {@code in}, in a fixed order. */
    List<int[]> tensorShapes(ImageShape in);

    /** The compact text of this layer in the architecture syntax. */
    String text();

    /**
     * 2-D convolution with {@code filters} output channels, a square {@code kernel × kernel} window, a stride and
     * zero padding on every side. Tensors: the weight {@code (k·k·Cin) × filters} (rows in (ky, kx, c) order)
     * and, when {@code bias}, the bias {@code 1 × filters}.
     */
    record Conv(int filters, int kernel, int stride, int padding, boolean bias) implements LayerSpec {
        public Conv {
            if (filters < 1 || kernel < 1 || stride < 1 || padding < 0) {
                throw new IllegalArgumentException("conv needs positive filters, kernel and stride and a"
                        + " non-negative padding");
            }
        }

        /** The lowering geometry on input {@code in}. */
        public ImageLowering.Geometry geometry(ImageShape in) {
            return new ImageLowering.Geometry(in.channels(), in.height(), in.width(), kernel, kernel, stride, padding);
        }

        @Override
        public ImageShape output(ImageShape in) {
            if (in.height() + 2 * padding < kernel || in.width() + 2 * padding < kernel) {
                throw new IllegalArgumentException("a " + kernel + "×" + kernel + " kernel with padding " + padding
                        + " does not fit a " + in.height() + "×" + in.width() + " image");
            }
            ImageLowering.Geometry g = geometry(in);
            return new ImageShape(filters, g.outHeight(), g.outWidth());
        }

        @Override
        public List<int[]> tensorShapes(ImageShape in) {
            int[] w = {kernel * kernel * in.channels(), filters};
            return bias ? List.of(w, new int[] {1, filters}) : List.<int[]>of(w);
        }

        @Override
        public String text() {
            return "conv " + filters + " " + kernel + "x" + kernel + (stride != 1 ? " stride " + stride : "")
                    + (padding != kernel / 2 ? " pad " + padding : "");
        }
    }

    /** Max or average pooling over square windows of {@code size} moved by {@code stride}, no padding. */
    record Pool(boolean max, int size, int stride) implements LayerSpec {
        public Pool {
            if (size < 1 || stride < 1) {
                throw new IllegalArgumentException("pooling needs a positive size and stride");
            }
        }

        /** The window geometry on input {@code in}. */
        public ImagePooling.Window geometry(ImageShape in) {
            return new ImagePooling.Window(in.channels(), in.height(), in.width(), size, size, stride);
        }

        @Override
        public ImageShape output(ImageShape in) {
            if (size > in.height() || size > in.width()) {
                throw new IllegalArgumentException("pooling " + size + "×" + size + " shrinks the " + in.height()
                        + "×" + in.width() + " image below 1 pixel");
            }
            ImagePooling.Window g = geometry(in);
            return new ImageShape(in.channels(), g.outHeight(), g.outWidth());
        }

        @Override
        public List<int[]> tensorShapes(ImageShape in) {
            return List.of();
        }

        @Override
        public String text() {
            return (max ? "pool " : "avgpool ") + size + (stride != size ? " stride " + stride : "");
        }
    }

    /** Global average pooling: one value per channel, the mean over the image. */
    record GlobalAveragePool() implements LayerSpec {
        /** The window geometry on input {@code in}: the whole image. */
        public ImagePooling.Window geometry(ImageShape in) {
            return new ImagePooling.Window(in.channels(), in.height(), in.width(), in.height(), in.width(), 1);
        }

        @Override
        public ImageShape output(ImageShape in) {
            return ImageShape.flat(in.channels());
        }

        @Override
        public List<int[]> tensorShapes(ImageShape in) {
            return List.of();
        }

        @Override
        public String text() {
            return "gap";
        }
    }

    /**
     * Batch normalisation per channel (per unit after a dense layer). Tensors: γ and β (trainable, initially 1
     * and 0), then the running mean and variance (statistics, initially 0 and 1), each {@code 1 × C}.
     */
    record BatchNorm() implements LayerSpec {
        /** Running-statistics momentum, PyTorch's default. */
        public static final double MOMENTUM = 0.1;
        /** Added to the variance, PyTorch's default. */
        public static final double EPSILON = 1e-5;

        @Override
        public ImageShape output(ImageShape in) {
            return in;
        }

        @Override
        public List<int[]> tensorShapes(ImageShape in) {
            int[] s = {1, in.channels()};
            return List.of(s, s, s, s);
        }

        @Override
        public String text() {
            return "bn";
        }
    }

    /**
     * Fully connected layer to {@code width} units on the flattened input (NHWC order). Tensors: the weight
     * {@code (C·H·W) × width} and, when {@code bias}, the bias {@code 1 × width}.
     */
    record Dense(int width, boolean bias) implements LayerSpec {
        public Dense {
            if (width < 1) {
                throw new IllegalArgumentException("dense needs a positive width");
            }
        }

        @Override
        public ImageShape output(ImageShape in) {
            return ImageShape.flat(width);
        }

        @Override
        public List<int[]> tensorShapes(ImageShape in) {
            int[] w = {in.size(), width};
            return bias ? List.of(w, new int[] {1, width}) : List.<int[]>of(w);
        }

        @Override
        public String text() {
            return "dense " + width;
        }
    }
}
