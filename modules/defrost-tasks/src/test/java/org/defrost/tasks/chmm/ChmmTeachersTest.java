package org.defrost.tasks.chmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.defrost.spi.Seed;
import org.junit.jupiter.api.Test;

class ChmmTeachersTest {
    private static ChmmParameters parameters(int d, double etaF, double etaTheta) {
        return ChmmParameters.builder().inputDim(30).latentDim(d).etaF(etaF).etaTheta(etaTheta).build();
    }

    @Test
    void zeroPerturbationCopiesFeaturesAndTeacherExactly() {
        ChmmTeachers t = ChmmTeachers.draw(parameters(12, 0, 0), Seed.of(4));
        assertArrayEquals(t.sourceFeatures(), t.targetFeatures());
        assertArrayEquals(t.sourceTeacher(), t.targetTeacher());
        assertEquals(1.0, t.teacherOverlap(), 1e-12);
    }

    @Test
    void fullPerturbationGivesTeacherOverlapNearZeroWithinItsStandardDeviation() {
        int d = 400;
        int seeds = 20;
        double sum = 0;
        for (int s = 0; s < seeds; s++) {
            double overlap = ChmmTeachers.draw(parameters(d, 1, 1), Seed.of(100 + s)).teacherOverlap();
            // For independent Gaussian vectors the cosine has standard deviation about 1/sqrt(D).
            assertTrue(Math.abs(overlap) < 4 / Math.sqrt(d), "seed " + s + " overlap " + overlap);
            sum += overlap;
        }
        assertEquals(0, sum / seeds, 4 / Math.sqrt((double) d * seeds));
    }

    @Test
    void halfRulePerturbationGivesOverlapNearSqrtOfOneHalf() {
        int d = 400;
        double overlap = ChmmTeachers.draw(parameters(d, 0, 0.5), Seed.of(8)).teacherOverlap();
        // cos = sqrt(1/2) up to fluctuations of order 1/sqrt(D).
        assertEquals(Math.sqrt(0.5), overlap, 4 / Math.sqrt(d));
    }

    @Test
    void untiedTargetDirectionsIgnoreTheSource() {
        ChmmParameters tied = ChmmParameters.builder().inputDim(10).sourceLatentDim(6).targetLatentDim(8)
                .sharedLatentDim(3).build();
        ChmmTeachers t = ChmmTeachers.draw(tied, Seed.of(2));
        int n = 10;
        assertArrayEquals(Arrays.copyOf(t.sourceFeatures(), 3 * n), Arrays.copyOf(t.targetFeatures(), 3 * n));
        // Rows 3..7 of the target are the fresh draws: the same as with etaF = 1 and no source at all.
        ChmmParameters independent = ChmmParameters.builder().inputDim(10).sourceLatentDim(6).targetLatentDim(8)
                .sharedLatentDim(3).etaF(1).etaTheta(1).build();
        ChmmTeachers fresh = ChmmTeachers.draw(independent, Seed.of(2));
        assertArrayEquals(Arrays.copyOfRange(fresh.targetFeatures(), 3 * n, 8 * n),
                Arrays.copyOfRange(t.targetFeatures(), 3 * n, 8 * n));
        assertArrayEquals(Arrays.copyOfRange(fresh.targetTeacher(), 3, 8), Arrays.copyOfRange(t.targetTeacher(), 3, 8));
        assertEquals(8, t.targetLatentDim());
    }

    @Test
    void featureRowsAreMixedWithTheVariancePreservingWeights() {
        ChmmTeachers half = ChmmTeachers.draw(parameters(5, 0.36, 0), Seed.of(3));
        ChmmTeachers fresh = ChmmTeachers.draw(parameters(5, 1, 1), Seed.of(3));
        for (int i = 0; i < half.targetFeatures().length; i++) {
            double expected = 0.8 * half.sourceFeatures()[i] + 0.6 * fresh.targetFeatures()[i];
            assertEquals(expected, half.targetFeatures()[i], 1e-6);
        }
    }
}
