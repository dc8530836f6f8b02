package org.defrost.nn.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.defrost.nn.Head;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchitectureTest {
    private static final ImageShape MNIST = new ImageShape(1, 28, 28);

    @Test
    void parsesTheW3NetworkIntoBlocksWithTheirShapes() {
        Architecture a = Architecture.parse("[conv 32 3x3, pool 2, conv 64 3x3, pool 2, dense 256]", MNIST, 10);
        assertEquals(3, a.blockCount());
        assertEquals(BlockSpec.Kind.CONV, a.block(1).kind());
        assertEquals(List.of(new LayerSpec.Conv(32, 3, 1, 1, true), new LayerSpec.Pool(true, 2, 2)),
                a.block(1).layers());
        assertEquals(new ImageShape(32, 14, 14), a.outputOf(1));
        assertEquals(new ImageShape(64, 7, 7), a.outputOf(2));
        assertEquals(ImageShape.flat(256), a.outputOf(3));
        assertEquals(ImageShape.flat(10), a.outputOf(4));
        assertEquals(Head.SOFTMAX_CROSS_ENTROPY, a.head());
        assertEquals("conv block 2", a.blockName(2));
        assertEquals("dense block 3", a.blockName(3));
        assertEquals("readout", a.blockName(4));
    }

    @Test
    void textRoundTripsEveryOption() {
        String text = "[conv 8 5x5 stride 2 pad 0, bn, avgpool 3 stride 1, conv 4 1x1, bn, gap, dense 7, bn, dense 3]";
        Architecture a = Architecture.parse(text, new ImageShape(3, 32, 32), 2);
        assertEquals(text, a.text());
        assertEquals(a.blocks(), Architecture.parseBlocks(a.text(), a.input()));
        assertFalse(((LayerSpec.Conv) a.block(1).layers().get(0)).bias(), "a normalised conv has no bias");
        assertTrue(((LayerSpec.Dense) a.block(4).layers().get(0)).bias());
        assertEquals(new ImageShape(8, 12, 12), a.outputOf(1));
        assertEquals(ImageShape.flat(4), a.outputOf(2));
    }

    @Test
    void acceptsAnEmptyListAndSpacingVariants() {
        assertEquals(0, Architecture.parse("[]", MNIST, 10).blockCount());
        assertEquals(1, Architecture.parse("  CONV  16   3x3 ,POOL 2 ", MNIST, 10).blockCount());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "[conv 8 3x3, cnv 4 3x3]; element 2 ('cnv 4 3x3'): unknown layer kind 'cnv'",
        "[conv 8 3x3, pool 2, conv 8 3x3, pool 2, conv 8 3x3, pool 2, conv 8 3x3, pool 2, conv 8 3x3, pool 2];"
                + " element 10 ('pool 2'): pooling 2×2 shrinks the 1×1 image below 1 pixel",
        "[conv 8 31x31 pad 0]; element 1 ('conv 8 31x31 pad 0'): a 31×31 kernel with padding 0 does not fit",
        "[dense 8, pool 2]; element 2 ('pool 2'): pooling must end a conv block",
        "[bn]; element 1 ('bn'): bn must directly follow a conv or dense element",
        "[conv 8 3x3, pool 2, bn]; element 3 ('bn'): bn must directly follow",
        "[conv 8 3x5]; element 1 ('conv 8 3x5'): only square kernels",
        "[conv 8]; element 1 ('conv 8'): malformed",
        "[conv 8 3x3,, dense 4]; element 2 (''): unknown layer kind '(empty)'"
    })
    void reportsTheOffendingElement(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architecture.parse(text, MNIST, 10));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
