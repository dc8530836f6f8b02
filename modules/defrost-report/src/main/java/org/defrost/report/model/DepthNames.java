package org.defrost.report.model;

import java.util.List;

/**
 * How the report names the representations a depth index refers to: index 0 is the input, index i ≥ 1 the output of
 * block i ("conv block 2", "dense block 3") for a block network, or of layer i for a fully connected network, whose
 * depths count layers.
 *
 * @param blockNames names of blocks 1..L; empty for a fully connected network
 */
public record DepthNames(List<String> blockNames) {
    /** The names of a fully connected network: "layer i". */
    public static final DepthNames LAYERS = new DepthNames(List.of());

    public DepthNames {
        blockNames = List.copyOf(blockNames);
    }

    /** Whether the network is made of named blocks. */
    public boolean blocks() {
        return !blockNames.isEmpty();
    }

    /** "block" or "layer": what a depth counts. */
    public String unit() {
        return blocks() ? "block" : "layer";
    }

    /** "blocks" or "layers". */
    public String units() {
        return unit() + "s";
    }

    /** The name of representation {@code i}: "input", "conv block 2" or "layer 2". */
    public String name(int i) {
        if (i == 0) {
            return "input";
        }
        if (blocks()) {
            return i >= 1 && i <= blockNames.size() ? blockNames.get(i - 1) : "block " + i;
        }
        return "layer " + i;
    }

    /** A short axis label of representation {@code i}: "input", "conv 2" for a block network, "2" otherwise. */
    public String tick(int i) {
        return blocks() ? name(i).replace(" block ", " ") : String.valueOf(i);
    }

    /**
     * An axis tick label for a numeric axis over depths: {@link #tick} at whole numbers, nothing between them (the
     * axis may place ticks at halves).
     */
    public String axisTick(double x) {
        long i = Math.round(x);
        return Math.abs(x - i) < 1e-9 && i >= 0 && i <= Integer.MAX_VALUE ? tick((int) i) : "";
    }

    /** The title of an axis of representations, e.g. "block (0 = input)" or "layer i (0 = input)". */
    public String axisTitle() {
        return blocks() ? "block (0 = input)" : "layer i (0 = input)";
    }
}
