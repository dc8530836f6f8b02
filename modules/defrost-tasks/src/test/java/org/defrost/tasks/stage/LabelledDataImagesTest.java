package org.defrost.tasks.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.data.DatasetPart;
import org.junit.jupiter.api.Test;

/** {@link LabelledData#nchwToNhwc}: PyTorch's channel-slowest images as defrost's channel-fastest rows. */
class LabelledDataImagesTest {

    @Test
    void reordersEachImageFromChannelSlowestToChannelFastest() {
        // two images of 2 channels × 1 × 3 pixels; value = 100·image + 10·channel + pixel
        float[] nchw = {0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112};
        DatasetPart part = new DatasetPart(new LabelledSet(nchw, new int[] {0, 1}, 6), new int[] {2, 1, 3}, "test");
        DatasetPart nhwc = LabelledData.nchwToNhwc(part);
        assertArrayEquals(new float[] {0, 10, 1, 11, 2, 12, 100, 110, 101, 111, 102, 112}, nhwc.samples().inputs());
        assertArrayEquals(new int[] {2, 1, 3}, nhwc.inputShape());
        assertArrayEquals(new int[] {0, 1}, nhwc.samples().labels());
    }

    @Test
    void leavesOneChannelImagesAsTheyAre() {
        float[] values = {1, 2, 3, 4, 5, 6};
        DatasetPart part = new DatasetPart(new LabelledSet(values, new int[] {0}, 6), new int[] {1, 2, 3}, "test");
        assertArrayEquals(values, LabelledData.nchwToNhwc(part).samples().inputs());
    }
}
