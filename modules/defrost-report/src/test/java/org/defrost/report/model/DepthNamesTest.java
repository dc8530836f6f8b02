package org.defrost.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DepthNamesTest {
    private static final DepthNames BLOCKS = new DepthNames(List.of("conv block 1", "conv block 2", "dense block 3"));

    @Test
    void aBlockNetworkNamesItsBlocksAndTheInput() {
        assertEquals("input", BLOCKS.name(0));
        assertEquals("conv block 2", BLOCKS.name(2));
        assertEquals("dense block 3", BLOCKS.name(3));
        assertEquals("conv 2", BLOCKS.tick(2));
        assertEquals("input", BLOCKS.tick(0));
        assertEquals("block (0 = input)", BLOCKS.axisTitle());
        assertEquals("blocks", BLOCKS.units());
    }

    @Test
    void aDenseNetworkKeepsLayerIndices() {
        assertEquals("input", DepthNames.LAYERS.name(0));
        assertEquals("layer 2", DepthNames.LAYERS.name(2));
        assertEquals("2", DepthNames.LAYERS.tick(2));
        assertEquals("layer i (0 = input)", DepthNames.LAYERS.axisTitle());
        assertEquals("layers", DepthNames.LAYERS.units());
    }

    @Test
    void numericAxisTicksAreLabelledOnlyAtWholeDepths() {
        assertEquals("conv 1", BLOCKS.axisTick(1.0));
        assertEquals("", BLOCKS.axisTick(1.5));
        assertEquals("", BLOCKS.axisTick(-1.0));
    }
}
