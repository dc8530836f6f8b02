package org.defrost.tasks.chmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.defrost.spi.Seed;
import org.defrost.tasks.Gaussian;
import org.defrost.tasks.LabelledSet;
import org.junit.jupiter.api.Test;

class ChmmSamplerTest {
    private static final Seed SEED = Seed.of(11);

    private static ChmmSampler sampler(ChmmParameters p) {
        return new ChmmSampler(p, ChmmTeachers.draw(p, SEED), SEED);
    }

    /** x = sigma(F^T c / sqrt(D)) and y = [theta . c > 0] for one latent vector, by plain loops. */
    private static float[] embed(float[] c, float[] f, int n, Nonlinearity sigma) {
        float scale = (float) (1 / Math.sqrt(c.length));
        float[] x = new float[n];
        for (int j = 0; j < n; j++) {
            float s = 0;
            for (int k = 0; k < c.length; k++) {
                s += (c[k] * scale) * f[k * n + j];
            }
            x[j] = sigma.apply(s);
        }
        return x;
    }

    private static int label(float[] theta, float[] c) {
        double s = 0;
        for (int k = 0; k < c.length; k++) {
            s += (double) theta[k] * c[k];
        }
        return s > 0 ? 1 : 0;
    }

    @Test
    void rowsFollowTheModelFromTheirOwnStream() {
        ChmmParameters p = ChmmParameters.builder().inputDim(13).sourceLatentDim(7).targetLatentDim(5)
                .sharedLatentDim(2).etaF(0.3).etaTheta(0.6).nonlinearity(Nonlinearity.TANH).build();
        ChmmSampler sampler = sampler(p);
        ChmmTeachers t = sampler.teachers();
        LabelledSet block = sampler.sample(ChmmSet.TARGET_TEST, 4, 3).samples();
        for (int i = 0; i < 3; i++) {
            float[] c = new float[5];
            Gaussian.fill(SEED.derive("sample").derive("target-test").derive(4 + i).generator(), c, 0, 5);
            assertArrayEquals(embed(c, t.targetFeatures(), 13, Nonlinearity.TANH),
                    Arrays.copyOfRange(block.inputs(), i * 13, (i + 1) * 13));
            assertEquals(label(t.targetTeacher(), c), block.labels()[i]);
        }
    }

    @Test
    void pairedProbesShareTheTiedLatentCoordinates() {
        ChmmParameters p = ChmmParameters.builder().inputDim(11).sourceLatentDim(6).targetLatentDim(4)
                .sharedLatentDim(3).etaF(0.5).etaTheta(0.5).build();
        ChmmSampler sampler = sampler(p);
        ChmmTeachers t = sampler.teachers();
        ChmmBlock block = sampler.sample(ChmmSet.PAIRED_PROBES, 10, 2);
        for (int i = 0; i < 2; i++) {
            float[] union = new float[7];
            Gaussian.fill(SEED.derive("sample").derive("probe-paired").derive(10 + i).generator(), union, 0, 7);
            float[] cs = Arrays.copyOf(union, 6);
            float[] ct = {union[0], union[1], union[2], union[6]};
            assertArrayEquals(embed(cs, t.sourceFeatures(), 11, Nonlinearity.ERF),
                    Arrays.copyOfRange(block.samples().inputs(), i * 11, (i + 1) * 11));
            assertArrayEquals(embed(ct, t.targetFeatures(), 11, Nonlinearity.ERF),
                    Arrays.copyOfRange(block.pairedTarget().inputs(), i * 11, (i + 1) * 11));
            assertEquals(label(t.sourceTeacher(), cs), block.samples().labels()[i]);
            assertEquals(label(t.targetTeacher(), ct), block.pairedTarget().labels()[i]);
        }
    }

    @Test
    void identicalTasksEmbedAndLabelTheSameLatentIdentically() {
        ChmmParameters p = ChmmParameters.builder().inputDim(40).latentDim(10).probeSize(300).build();
        ChmmBlock block = sampler(p).sample(ChmmSet.PAIRED_PROBES, 0, 300);
        assertArrayEquals(block.samples().inputs(), block.pairedTarget().inputs());
        assertArrayEquals(block.samples().labels(), block.pairedTarget().labels());
    }

    @Test
    void sourceAndTargetSetsDrawIndependentLatents() {
        ChmmParameters p = ChmmParameters.builder().inputDim(20).latentDim(5).build();
        ChmmSampler sampler = sampler(p);
        assertFalse(Arrays.equals(sampler.sample(ChmmSet.SOURCE_TEST, 0, 5).samples().inputs(),
                sampler.sample(ChmmSet.TARGET_TEST, 0, 5).samples().inputs()));
        assertNull(sampler.sample(ChmmSet.SOURCE_TEST, 0, 5).pairedTarget());
    }

    @Test
    void labelsAreBalancedWithinSamplingError() {
        ChmmParameters p = ChmmParameters.builder().inputDim(20).latentDim(30).build();
        int n = 20_000;
        int[] y = sampler(p).sample(ChmmSet.SOURCE_TRAIN, 0, n).samples().labels();
        double ones = Arrays.stream(y).sum();
        assertEquals(0.5, ones / n, 4 * Math.sqrt(0.25 / n));
    }

    @Test
    void labelAgreementOnPairedProbesMatchesTheMeasuredTeacherOverlap() {
        for (double etaTheta : new double[] {1, 0.5}) {
            ChmmParameters p = ChmmParameters.builder().inputDim(20).latentDim(200).etaF(1).etaTheta(etaTheta).build();
            ChmmSampler sampler = sampler(p);
            int n = 20_000;
            ChmmBlock b = sampler.sample(ChmmSet.PAIRED_PROBES, 0, n);
            int agree = 0;
            for (int i = 0; i < n; i++) {
                agree += b.samples().labels()[i] == b.pairedTarget().labels()[i] ? 1 : 0;
            }
            // For Gaussian c, P(same sign) = 1 - arccos(R) / pi with R the teachers' cosine.
            double expected = 1 - Math.acos(sampler.teachers().teacherOverlap()) / Math.PI;
            assertEquals(expected, (double) agree / n, 4 * Math.sqrt(0.25 / n), "etaTheta " + etaTheta);
        }
    }

    @Test
    void labelNoiseFlipsTrainingLabelsOnlyAtTheGivenRate() {
        ChmmParameters clean = ChmmParameters.builder().inputDim(10).latentDim(8).build();
        ChmmParameters noisy = ChmmParameters.builder().inputDim(10).latentDim(8).labelNoise(0.2).build();
        int n = 10_000;
        LabelledSet a = sampler(clean).sample(ChmmSet.TARGET_POOL, 0, n).samples();
        LabelledSet b = sampler(noisy).sample(ChmmSet.TARGET_POOL, 0, n).samples();
        assertArrayEquals(a.inputs(), b.inputs());
        int flipped = 0;
        for (int i = 0; i < n; i++) {
            flipped += a.labels()[i] != b.labels()[i] ? 1 : 0;
        }
        assertEquals(0.2, (double) flipped / n, 4 * Math.sqrt(0.2 * 0.8 / n));
        assertArrayEquals(sampler(clean).sample(ChmmSet.TARGET_TEST, 0, 500).samples().labels(),
                sampler(noisy).sample(ChmmSet.TARGET_TEST, 0, 500).samples().labels());
    }

    @Test
    void aBlockEqualsTheSameRowsDrawnOneAtATime() {
        ChmmParameters p = ChmmParameters.builder().inputDim(9).latentDim(4).build();
        ChmmSampler sampler = sampler(p);
        LabelledSet block = sampler.sample(ChmmSet.SOURCE_TRAIN, 3, 6).samples();
        for (int i = 0; i < 6; i++) {
            LabelledSet one = sampler.sample(ChmmSet.SOURCE_TRAIN, 3 + i, 1).samples();
            assertArrayEquals(one.inputs(), Arrays.copyOfRange(block.inputs(), i * 9, (i + 1) * 9));
            assertEquals(one.labels()[0], block.labels()[i]);
        }
    }
}
