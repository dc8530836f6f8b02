package org.defrost.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Activation;
import org.defrost.nn.Init;
import org.defrost.nn.conv.Architecture;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.conv.ImageShape;
import org.defrost.nn.io.BlockNetworkIo;
import org.defrost.nn.io.NetworkIo;
import org.defrost.spi.ParameterException;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;

/**
 * The study's side of block (convolutional) networks: the {@code architecture} and {@code imageShape} parameters
 * of {@code pretrain}, their checks before anything runs, the starting networks of a transfer sweep and the
 * representations that {@code similarity} compares. A source network is a block network exactly when its
 * {@code network.json} has the {@link BlockNetworkIo#FORMAT} format; the stages downstream of {@code pretrain}
 * take the architecture from it. Transfer depth ℓ counts blocks (see {@link BlockNetwork#freezeThrough}).
 */
public final class BlockStudy {
    /** The parameter holding the blocks in {@link Architecture}'s compact syntax; empty for a dense network. */
    public static final String ARCHITECTURE = "architecture";
    /** The parameter holding the input image shape a block network is checked and sized for. */
    public static final String IMAGE_SHAPE = "imageShape";
    /** Sizes a task stage declares ({@code Stage#outputSizes}) for image-shaped inputs: channels, height, width. */
    public static final List<String> SHAPE_SIZES = List.of("inputChannels", "inputHeight", "inputWidth");
    /** The similarity stage's parameter choosing how a feature map becomes a representation. */
    public static final String FEATURE_MAPS = "featureMaps";
    /** Every value of {@link #FEATURE_MAPS}. */
    public static final List<String> FEATURE_MAP_MODES = List.of("flatten", "channel-mean");

    /** The parameters of {@code pretrain} that describe a block network. */
    public static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.string(ARCHITECTURE, "", "Blocks of a convolutional network in the compact syntax, e.g. "
                    + "[conv 32 3x3, pool 2, conv 64 3x3, pool 2, dense 256] (docs/networks.md); transfer depths then "
                    + "count blocks. Empty: the fully connected network of hidden."),
            ParameterSpec.integers(IMAGE_SHAPE, List.of(1L, 28L, 28L), "Input image shape [channels, height, width] "
                    + "that architecture is checked and sized for before the run; must match the task's images.")
                    .withRange(1, 100_000));

    /** The {@code similarity} parameter choosing the representation of a feature map. */
    public static final ParameterSpec FEATURE_MAPS_SPEC = ParameterSpec.choice(FEATURE_MAPS, "flatten", FEATURE_MAP_MODES,
            "How a conv block's output (C feature maps of H×W) becomes a representation: flatten (all C·H·W values) or "
                    + "channel-mean (global average per channel, C values). Dense networks are unaffected.");

    private BlockStudy() {
    }

    /**
     * The block network a {@code pretrain} invocation asks for ({@link #SPECS}), bound.
     *
     * @param text       the blocks in {@link Architecture}'s compact syntax
     * @param imageShape the input image shape the blocks are checked and sized for
     * @param activation activation of the blocks (the {@code activation} parameter)
     * @param init       initialisation of the weights (the {@code init} and {@code initScale} parameters)
     */
    record Blocks(String text, ImageShape imageShape, Activation activation, Init init) {

        /**
         * Binds the block parameters of {@code p}, with activation and init from {@code layers}; null when
         * {@code p} asks for a fully connected network (an empty architecture).
         *
         * @throws ParameterException naming {@link #IMAGE_SHAPE} for a shape that is not three sizes, or
         *                            {@link #ARCHITECTURE} for unknown or misplaced layer kinds and shapes that
         *                            leave no pixel
         */
        static Blocks of(Parameters p, TrainingParameters.Layers layers) {
            String text = p.getString(ARCHITECTURE);
            if (text.isBlank()) {
                return null;
            }
            List<Integer> s = p.getIntList(IMAGE_SHAPE);
            if (s.size() != 3) {
                throw new ParameterException(IMAGE_SHAPE, "imageShape needs three sizes [channels, height, width], got "
                        + s);
            }
            Blocks blocks = new Blocks(text, new ImageShape(s.get(0), s.get(1), s.get(2)), layers.activation(),
                    layers.init());
            try {
                blocks.architecture(blocks.imageShape(), 2);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(ARCHITECTURE, "architecture " + text + " on " + blocks.imageShape()
                        + " images: " + e.getMessage());
            }
            refuseIgnoredDenseParameters(p);
            return blocks;
        }

        /**
         * Refuses the fully connected network's parameters that a block network would silently ignore, when given a
         * value other than their default: {@code hidden} (the blocks replace the hidden layers) and {@code bias} (a
         * conv or dense layer has a bias unless {@code bn} follows it). A value equal to the default cannot be told
         * from an absent one once parameters are resolved, and changes nothing.
         *
         * @throws ParameterException naming the first such parameter
         */
        private static void refuseIgnoredDenseParameters(Parameters p) {
            for (org.defrost.spi.ParameterSpec spec : TrainingParameters.ARCHITECTURE) {
                String reason = switch (spec.name()) {
                    case "hidden" -> "the blocks of architecture replace the fully connected layers of hidden";
                    case "bias" -> "in a block network a conv or dense layer has a bias unless bn follows it";
                    default -> null;
                };
                Object value = p.get(spec.name());
                if (reason != null && value != null && !value.equals(spec.defaultValue())) {
                    throw new ParameterException(spec.name(), spec.name() + " " + value + " is ignored when "
                            + "architecture is set (" + reason + "); remove " + spec.name() + ", or architecture for a "
                            + "fully connected network");
                }
            }
        }

        /** The declared image shape against the one the task stage declares, when it declares one. */
        List<ParameterProblem> checkShape(Map<String, Long> declared) {
            if (declared == null || !declared.keySet().containsAll(SHAPE_SIZES)) {
                return List.of();
            }
            List<Integer> task = SHAPE_SIZES.stream().map(k -> declared.get(k).intValue()).toList();
            if (!task.equals(shapeSizes())) {
                return List.of(new ParameterProblem(IMAGE_SHAPE, "imageShape " + shapeSizes()
                        + " differs from the task's images " + task));
            }
            return List.of();
        }

        /** The declared image shape as written under {@code with:}: {@code [channels, height, width]}. */
        List<Integer> shapeSizes() {
            return List.of(imageShape.channels(), imageShape.height(), imageShape.width());
        }

        /**
         * The blocks on {@code input} images with the readout for {@code classes} classes (one logistic unit for
         * two, else softmax cross-entropy).
         *
         * @throws IllegalArgumentException naming the element that is unknown, misplaced or leaves no pixel
         */
        Architecture architecture(ImageShape input, int classes) {
            return new Architecture(input, Architecture.parseBlocks(text, input), TrainingParameters.readoutUnits(classes),
                    activation, TrainingParameters.readoutHead(classes), init);
        }

        /** Bytes to train this network on the declared image shape (ten classes assumed). */
        long trainingBytes(int batchSize) {
            return BlockNetwork.zeros(architecture(imageShape, 10)).estimatedMemoryBytes(batchSize);
        }
    }

    /**
     * The image shape of a task whose manifest records {@code shape}: {@code [C, H, W]} as is, {@code [H, W]} as one
     * channel (rows of one channel are the row-major image, so the stored values need no change), {@code [N]} as
     * N channels of one pixel.
     */
    static ImageShape taskShape(List<Integer> shape, int inputDim) {
        if (shape == null || shape.isEmpty()) {
            return ImageShape.flat(inputDim);
        }
        return switch (shape.size()) {
            case 3 -> new ImageShape(shape.get(0), shape.get(1), shape.get(2));
            case 2 -> new ImageShape(1, shape.get(0), shape.get(1));
            default -> ImageShape.flat(inputDim);
        };
    }

    /** Whether the network stored in {@code dir} is a block network. */
    static boolean isBlockNetwork(Path dir) throws IOException {
        return Files.readString(dir.resolve(NetworkIo.JSON)).contains("\"" + BlockNetworkIo.FORMAT + "\"");
    }

    /**
     * The starting network of a transfer cell: blocks {@code 1..depth} copied from {@code source} and frozen; the
     * blocks above copied from it ({@code pretrained}) or drawn fresh ({@code random}); a fresh readout for
     * {@code classes} classes.
     *
     * @param source not modified
     * @param seed   seed of the fresh blocks ({@link BlockNetwork#build})
     */
    static BlockNetwork transfer(BlockNetwork source, int classes, int depth, boolean pretrained, Seed seed) {
        Architecture a = source.architecture().withOutput(TrainingParameters.readoutUnits(classes),
                TrainingParameters.readoutHead(classes));
        int blocks = a.blockCount();
        if (depth < 0 || depth > blocks) {
            throw new IllegalArgumentException("transfer depth " + depth + " outside 0.." + blocks);
        }
        BlockNetwork n = BlockNetwork.build(a, seed);
        int copied = pretrained ? blocks : depth;
        if (copied > 0) {
            n.copyBlocksFrom(source, 1, copied);
        }
        n.freezeThrough(depth);
        return n;
    }

    /**
     * The representations compared by {@code similarity}: the input (flattened) and the output of every block
     * 1..L, each turned into a representation by {@code mode} ({@link #FEATURE_MAP_MODES}).
     *
     * @param inputs {@code n × input size}. Not modified.
     * @return L + 1 matrices with n rows
     */
    static List<FMatrixRMaj> representations(BlockNetwork network, FMatrixRMaj inputs, String mode, KernelThreads threads) {
        Architecture a = network.architecture();
        List<FMatrixRMaj> out = new ArrayList<>();
        out.add(inputs);
        for (int b = 1; b <= a.blockCount(); b++) {
            FMatrixRMaj features = network.prefixFeatures(b, inputs, threads);
            out.add(mode.equals("channel-mean") ? channelMean(features, a.outputOf(b)) : features);
        }
        return out;
    }

    /**
     * Per-channel global average of NHWC rows: {@code n × (H·W·C)} to {@code n × C}, each value the mean of its
     * channel over the H·W pixels (summed in double). A new matrix.
     */
    static FMatrixRMaj channelMean(FMatrixRMaj maps, ImageShape shape) {
        int c = shape.channels();
        int pixels = shape.pixels();
        FMatrixRMaj out = new FMatrixRMaj(maps.numRows, c);
        double[] sums = new double[c];
        for (int r = 0; r < maps.numRows; r++) {
            Arrays.fill(sums, 0);
            int base = r * maps.numCols;
            for (int px = 0; px < pixels; px++) {
                for (int ch = 0; ch < c; ch++) {
                    sums[ch] += maps.data[base + px * c + ch];
                }
            }
            for (int ch = 0; ch < c; ch++) {
                out.data[r * c + ch] = (float) (sums[ch] / pixels);
            }
        }
        return out;
    }
}
