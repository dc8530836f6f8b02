package org.defrost.nn.conv;

import java.util.ArrayList;
import java.util.List;

/**
 * One block of a block network: the unit that transfer depth counts and freezing acts on.
 * A conv block is {@code conv [bn] activation [pool | avgpool | gap]}; a dense block is
 * {@code dense [bn] activation}. The activation is the network's and is not listed among the layers.
 *
 * @param kind   conv or dense
 * @param layers the layers in order; the first is the conv or dense layer
 */
public record BlockSpec(Kind kind, List<LayerSpec> layers) {

    /** The two kinds of block. */
    public enum Kind { CONV, DENSE }

    public BlockSpec {
        layers = List.copyOf(layers);
        if (layers.isEmpty() || !(kind == Kind.CONV ? layers.get(0) instanceof LayerSpec.Conv
                : layers.get(0) instanceof LayerSpec.Dense)) {
            throw new IllegalArgumentException("a " + kind + " block starts with its " + kind + " layer");
        }
    }

    /** Whether the block has a batch normalisation layer. */
    public boolean normalised() {
        return layers.stream().anyMatch(l -> l instanceof LayerSpec.BatchNorm);
    }

    /** The output shape of every layer for block input {@code in}; element i is after layer i. */
    public List<ImageShape> shapes(ImageShape in) {
        List<ImageShape> out = new ArrayList<>();
        ImageShape s = in;
        for (LayerSpec l : layers) {
            s = l.output(s);
            out.add(s);
        }
        return out;
    }

    /** The block's output shape for input {@code in}. */
    public ImageShape output(ImageShape in) {
        List<ImageShape> s = shapes(in);
        return s.get(s.size() - 1);
    }

    /** "conv block" or "dense block". */
    public String label() {
        return kind == Kind.CONV ? "conv block" : "dense block";
    }
}
