package org.defrost.tasks.chmm;

import java.util.SplittableRandom;
import org.defrost.spi.Seed;
import org.defrost.tasks.Gaussian;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TaskRole;

/**
 * Draws rows of the CHMM sets: {@code c ~ N(0, I_D)}, {@code x = sigma(F^T c / sqrt(D))} and
 * {@code y = 1 if theta . c > 0 else 0} (the +1/-1 of method.md as class indices 1/0).
 *
 * <p>Row r of a set uses only the stream {@code seed/sample/<set>/r}: D Gaussians for c, then one uniform
 * that flips the label of a training row when below {@code labelNoise}. A block of rows therefore has the
 * same bits whatever the block size, the thread or the order in which blocks are drawn. Paired probes
 * draw c in the union latent space of dimension Ds + Dt - Dshared, laid out as
 * {@code [tied (Dshared) | source-only (Ds - Dshared) | target-only (Dt - Dshared)]}; the source sees the
 * first Ds coordinates, the target the tied and the target-only ones.
 *
 * <p>Thread-safe: instances hold only immutable state.
 */
public final class ChmmSampler {
    private final ChmmParameters parameters;
    private final ChmmTeachers teachers;
    private final Seed sampleSeed;
    private final float[][] sourceFeatureRows;
    private final float[][] targetFeatureRows;

    /** A sampler for {@code parameters} with ingredients {@code teachers}, drawing from {@code seed/sample}. */
    public ChmmSampler(ChmmParameters parameters, ChmmTeachers teachers, Seed seed) {
        this.parameters = parameters;
        this.teachers = teachers;
        this.sampleSeed = seed.derive("sample");
        int n = parameters.inputDim();
        this.sourceFeatureRows = LatentProduct.rowsOf(teachers.sourceFeatures(), teachers.sourceLatentDim(), n);
        this.targetFeatureRows = LatentProduct.rowsOf(teachers.targetFeatures(), teachers.targetLatentDim(), n);
    }

    /** The ingredients in use. */
    public ChmmTeachers teachers() {
        return teachers;
    }

    /** Rows {@code firstRow .. firstRow + rows} of {@code set}. */
    public ChmmBlock sample(ChmmSet set, int firstRow, int rows) {
        Seed setSeed = sampleSeed.derive(set.streamName());
        return set == ChmmSet.PAIRED_PROBES ? samplePaired(setSeed, firstRow, rows)
                : new ChmmBlock(firstRow, sampleTask(setSeed, set, firstRow, rows), null);
    }

    private LabelledSet sampleTask(Seed setSeed, ChmmSet set, int firstRow, int rows) {
        boolean source = set.role() == TaskRole.SOURCE;
        float[][] features = source ? sourceFeatureRows : targetFeatureRows;
        float[] teacher = source ? teachers.sourceTeacher() : teachers.targetTeacher();
        int d = teacher.length;
        float[] latent = new float[rows * d];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            SplittableRandom random = rowRandom(setSeed, firstRow + r);
            Gaussian.fill(random, latent, r * d, d);
            boolean flip = random.nextDouble() < parameters.labelNoise() && set.isTraining();
            labels[r] = label(teacher, latent, r * d) ^ (flip ? 1 : 0);
        }
        return new LabelledSet(embed(latent, rows, d, features), labels, parameters.inputDim());
    }

    private ChmmBlock samplePaired(Seed setSeed, int firstRow, int rows) {
        int ds = teachers.sourceLatentDim();
        int dt = teachers.targetLatentDim();
        int shared = teachers.sharedLatentDim();
        int union = ds + dt - shared;
        float[] latent = new float[union];
        float[] cs = new float[rows * ds];
        float[] ct = new float[rows * dt];
        int[] ys = new int[rows];
        int[] yt = new int[rows];
        for (int r = 0; r < rows; r++) {
            Gaussian.fill(rowRandom(setSeed, firstRow + r), latent, 0, union);
            System.arraycopy(latent, 0, cs, r * ds, ds);
            System.arraycopy(latent, 0, ct, r * dt, shared);
            System.arraycopy(latent, ds, ct, r * dt + shared, dt - shared);
            ys[r] = label(teachers.sourceTeacher(), cs, r * ds);
            yt[r] = label(teachers.targetTeacher(), ct, r * dt);
        }
        int n = parameters.inputDim();
        return new ChmmBlock(firstRow, new LabelledSet(embed(cs, rows, ds, sourceFeatureRows), ys, n),
                new LabelledSet(embed(ct, rows, dt, targetFeatureRows), yt, n));
    }

    private static SplittableRandom rowRandom(Seed setSeed, int row) {
        return setSeed.derive(row).generator();
    }

    private static int label(float[] teacher, float[] latent, int off) {
        double s = 0;
        for (int k = 0; k < teacher.length; k++) {
            s += (double) teacher[k] * latent[off + k];
        }
        return s > 0 ? 1 : 0;
    }

    /** sigma(C F / sqrt(d)); {@code latent} (rows x d) is modified (scaled), {@code features} is not. */
    private float[] embed(float[] latent, int rows, int d, float[][] features) {
        float scale = (float) (1 / Math.sqrt(d));
        for (int i = 0; i < latent.length; i++) {
            latent[i] *= scale;
        }
        int n = parameters.inputDim();
        float[] x = new float[rows * n];
        LatentProduct.multiply(latent, rows, d, features, n, x);
        parameters.nonlinearity().apply(x, 0, x.length);
        return x;
    }
}
