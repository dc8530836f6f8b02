package org.defrost.nn.conv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.defrost.nn.Activation;
import org.defrost.nn.Head;
import org.defrost.nn.Init;

/**
 * The architecture of a block network: an input image shape, blocks {@code 1..L}, and a readout (block
 * {@code L + 1}: dense to {@code outputs} units, affine, feeding {@code head}). Dense layers see the previous
 * output flattened in NHWC order; no explicit flatten is needed.
 *
 * <p>The compact syntax ({@link #parse}) is a comma-separated list, optionally in brackets:
 * <pre>
 *   conv F KxK [stride S] [pad P]   new conv block: F filters, K×K kernel (default stride 1, pad K/2)
 *   dense W                         new dense block of W units
 *   bn                              batch normalisation in the preceding block (before its activation)
 *   pool N [stride S]               max pooling N×N (default stride N) ending the preceding conv block
 *   avgpool N [stride S]            average pooling, likewise
 *   gap                             global average pooling ending the preceding conv block
 * </pre>
 * A conv or dense layer followed by {@code bn} has no bias (the normalisation's β replaces it).
 *
 * @param input      shape of one input sample
 * @param blocks     blocks 1..L (may be empty)
 * @param outputs    K, the readout width
 * @param activation activation of every block
 * @param head       loss on the readout
 * @param init       weight initialisation (fan-in of a conv weight: k·k·Cin)
 */
public record Architecture(ImageShape input, List<BlockSpec> blocks, int outputs, Activation activation, Head head,
                           Init init) {

    private static final Pattern CONV = Pattern.compile(
            "conv\\s+(\\d+)\\s+(\\d+)(?:x(\\d+))?((?:\\s+(?:stride|pad)\\s+\\d+)*)");
    private static final Pattern POOL = Pattern.compile("(pool|maxpool|avgpool)\\s+(\\d+)(?:\\s+stride\\s+(\\d+))?");
    private static final Pattern DENSE = Pattern.compile("dense\\s+(\\d+)");
    private static final Pattern OPTION = Pattern.compile("(stride|pad)\\s+(\\d+)");

    public Architecture {
        if (input == null || activation == null || head == null || init == null) {
            throw new IllegalArgumentException("input, activation, head and init are required");
        }
        blocks = List.copyOf(blocks);
        head.checkOutputDim(outputs);
        ImageShape s = input;
        for (int b = 0; b < blocks.size(); b++) {
            try {
                s = blocks.get(b).output(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("block " + (b + 1) + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Parses the compact syntax (see the class comment) with ReLU, He-normal init and the default head for
     * {@code outputs} (logistic for 1, softmax cross-entropy otherwise).
     *
     * @throws IllegalArgumentException naming the element (1-based, with its text) that is unknown, misplaced or
     *                                  leaves no pixel
     */
    public static Architecture parse(String text, ImageShape input, int outputs) {
        Head head = outputs == 1 ? Head.BINARY_LOGISTIC : Head.SOFTMAX_CROSS_ENTROPY;
        return new Architecture(input, parseBlocks(text, input), outputs, Activation.RELU, head, Init.heNormal());
    }

    /** The blocks of the compact syntax for input {@code input}, validated shape by shape. */
    public static List<BlockSpec> parseBlocks(String text, ImageShape input) {
        String body = text.trim();
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1).trim();
        }
        List<BlockSpec> blocks = new ArrayList<>();
        if (body.isEmpty()) {
            return blocks;
        }
        List<LayerSpec> current = null;
        BlockSpec.Kind kind = null;
        ImageShape shape = input;
        String[] elements = body.split(",", -1);
        for (int i = 0; i < elements.length; i++) {
            String e = elements[i].trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            String where = "element " + (i + 1) + " ('" + elements[i].trim() + "')";
            try {
                Matcher m;
                if ((m = CONV.matcher(e)).matches()) {
                    if (m.group(3) != null && !m.group(3).equals(m.group(2))) {
                        throw new IllegalArgumentException("only square kernels are supported");
                    }
                    int k = Integer.parseInt(m.group(2));
                    int stride = 1;
                    int pad = k / 2;
                    Matcher o = OPTION.matcher(m.group(4));
                    while (o.find()) {
                        if (o.group(1).equals("stride")) {
                            stride = Integer.parseInt(o.group(2));
                        } else {
                            pad = Integer.parseInt(o.group(2));
                        }
                    }
                    flush(blocks, kind, current);
                    kind = BlockSpec.Kind.CONV;
                    current = new ArrayList<>();
                    current.add(new LayerSpec.Conv(Integer.parseInt(m.group(1)), k, stride, pad, true));
                } else if ((m = DENSE.matcher(e)).matches()) {
                    flush(blocks, kind, current);
                    kind = BlockSpec.Kind.DENSE;
                    current = new ArrayList<>();
                    current.add(new LayerSpec.Dense(Integer.parseInt(m.group(1)), true));
                } else if (e.equals("bn") || e.equals("norm")) {
                    if (current == null || current.size() != 1) {
                        throw new IllegalArgumentException("bn must directly follow a conv or dense element");
                    }
                    LayerSpec first = current.get(0);
                    current.set(0, first instanceof LayerSpec.Conv c
                            ? new LayerSpec.Conv(c.filters(), c.kernel(), c.stride(), c.padding(), false)
                            : new LayerSpec.Dense(((LayerSpec.Dense) first).width(), false));
                    current.add(new LayerSpec.BatchNorm());
                } else if ((m = POOL.matcher(e)).matches() || e.equals("gap")) {
                    if (kind != BlockSpec.Kind.CONV || current.get(current.size() - 1) instanceof LayerSpec.Pool
                            || current.get(current.size() - 1) instanceof LayerSpec.GlobalAveragePool) {
                        throw new IllegalArgumentException("pooling must end a conv block (after conv or bn, once)");
                    }
                    if (e.equals("gap")) {
                        current.add(new LayerSpec.GlobalAveragePool());
                    } else {
                        int size = Integer.parseInt(m.group(2));
                        int stride = m.group(3) == null ? size : Integer.parseInt(m.group(3));
                        current.add(new LayerSpec.Pool(!m.group(1).equals("avgpool"), size, stride));
                    }
                } else {
                    String word = e.isEmpty() ? "(empty)" : e.split(" ")[0];
                    boolean known = List.of("conv", "dense", "pool", "maxpool", "avgpool").contains(word);
                    throw new IllegalArgumentException(known ? "malformed; expected e.g. 'conv 32 3x3 stride 1 pad 1',"
                            + " 'pool 2', 'dense 256'" : "unknown layer kind '" + word
                            + "'; expected conv, dense, bn, pool, maxpool, avgpool or gap");
                }
                shape = current.get(current.size() - 1).output(shape);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
            }
        }
        flush(blocks, kind, current);
        return blocks;
    }

    private static void flush(List<BlockSpec> blocks, BlockSpec.Kind kind, List<LayerSpec> layers) {
        if (layers != null) {
            blocks.add(new BlockSpec(kind, layers));
        }
    }

    /** L, the number of blocks below the readout. */
    public int blockCount() {
        return blocks.size();
    }

    /** The input shape of block {@code b} (1..L+1); block L+1 is the readout. */
    public ImageShape inputOf(int block) {
        checkBlock(block);
        ImageShape s = input;
        for (int b = 1; b < block; b++) {
            s = blocks.get(b - 1).output(s);
        }
        return s;
    }

    /** The output shape of block {@code b} (0 = the input, L+1 = the readout's {@code K × 1 × 1}). */
    public ImageShape outputOf(int block) {
        if (block == 0) {
            return input;
        }
        return block(block).output(inputOf(block));
    }

    /** Block {@code b} (1..L+1); block L+1 is the readout, a dense block with a bias. */
    public BlockSpec block(int block) {
        checkBlock(block);
        return block <= blocks.size() ? blocks.get(block - 1)
                : new BlockSpec(BlockSpec.Kind.DENSE, List.of(new LayerSpec.Dense(outputs, true)));
    }

    /** A human name for block {@code b}: "conv block 2", "dense block 3", "readout". */
    public String blockName(int block) {
        return block == blocks.size() + 1 ? "readout" : block(block).label() + " " + block;
    }

    /** The compact text of the blocks, which {@link #parseBlocks} reads back to the same blocks. */
    public String text() {
        List<String> parts = new ArrayList<>();
        for (BlockSpec b : blocks) {
            for (LayerSpec l : b.layers()) {
                parts.add(l.text());
            }
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** This architecture with another readout width and head. */
    public Architecture withOutput(int outputs, Head head) {
        return new Architecture(input, blocks, outputs, activation, head, init);
    }

    /** This architecture with another activation. */
    public Architecture withActivation(Activation a) {
        return new Architecture(input, blocks, outputs, a, head, init);
    }

    private void checkBlock(int block) {
        if (block < 1 || block > blocks.size() + 1) {
            throw new IllegalArgumentException("block " + block + " outside 1.." + (blocks.size() + 1));
        }
    }
}
