package org.defrost.onnx;

import java.util.List;
import org.defrost.nn.conv.ImageShape;

/**
 * Which ONNX nodes became one block of an imported block network.
 *
 * @param block  the block number, 1..L+1 (the readout is L+1)
 * @param name   the block's name, e.g. {@code conv block 1}, {@code dense block 3}, {@code readout}
 * @param in     the block's input shape (channels × height × width; a flat vector is {@code n × 1 × 1})
 * @param out    the block's output shape
 * @param layers the block's layers in the architecture syntax, with its activation, e.g.
 *               {@code conv 4 3x3, bn, relu, pool 2}
 * @param nodes  the nodes, as {@code node 'name' (OpType)}, in graph order; shape and identity nodes before a
 *               block are listed with it, those after the readout with the readout
 */
public record MappedBlock(int block, String name, ImageShape in, ImageShape out, String layers, List<String> nodes) {

    public MappedBlock {
        nodes = List.copyOf(nodes);
    }

    /** One line, e.g. {@code conv block 1 (3×7×7 -> 4×3×3: conv 4 3x3, bn, relu, pool 2): node '/0/Conv' (Conv), ...}. */
    public String describe() {
        return name + " (" + in + " -> " + out + ": " + layers + "): " + String.join(", ", nodes);
    }
}
