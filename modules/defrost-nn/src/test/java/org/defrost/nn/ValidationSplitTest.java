package org.defrost.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class ValidationSplitTest {
    /** Sample i has input row (i, -i) and label i, so every sample can be traced. */
    private static Dataset traceable(int n) {
        FMatrixRMaj x = new FMatrixRMaj(n, 2);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x.set(i, 0, i);
            x.set(i, 1, -i);
            y[i] = i;
        }
        return new Dataset(x, y);
    }

    @Test
    void holdsOutFifteenPercentButAtLeastFiftyAndPartitionsTheSamples() {
        ValidationSplit big = ValidationSplit.of(traceable(1000), Seed.of(1));
        assertEquals(150, big.validation().size());
        assertEquals(850, big.train().size());
        ValidationSplit small = ValidationSplit.of(traceable(100), Seed.of(1));
        assertEquals(50, small.validation().size());
        int[] all = new int[100];
        System.arraycopy(small.train().labels(), 0, all, 0, 50);
        System.arraycopy(small.validation().labels(), 0, all, 50, 50);
        Arrays.sort(all);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, all[i]);
        }
        for (Dataset part : new Dataset[] {small.train(), small.validation()}) {
            for (int r = 0; r < part.size(); r++) {
                assertEquals(part.labels()[r], part.inputs().get(r, 0), 0);
                assertEquals(-part.labels()[r], part.inputs().get(r, 1), 0);
            }
        }
    }

    @Test
    void theSeedDecidesWhichSamplesAreHeldOut() {
        Dataset d = traceable(200);
        assertArrayEquals(ValidationSplit.of(d, Seed.of(2)).validation().labels(),
                ValidationSplit.of(d, Seed.of(2)).validation().labels());
        assertNotEquals(Arrays.toString(ValidationSplit.of(d, Seed.of(2)).validation().labels()),
                Arrays.toString(ValidationSplit.of(d, Seed.of(3)).validation().labels()));
    }

    @Test
    void alwaysLeavesASampleToTrainOn() {
        assertEquals(1, ValidationSplit.of(traceable(30), Seed.of(4)).train().size());
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(traceable(1), Seed.of(4)));
    }
}
