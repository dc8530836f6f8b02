package org.defrost.tasks.chmm;

import org.defrost.spi.Seed;
import org.defrost.tasks.Gaussian;

/**
 * The fixed ingredients of a source/target pair: feature matrices F (D x N) and teachers theta (D).
 *
 * <p>Source: {@code F_s[k]} and {@code theta_s[k]} are N(0, 1) for k in [0, Ds). Target, for k in [0, Dt):
 * for the tied directions {@code k < Dshared},
 * {@code F_t[k] = sqrt(1 - etaF) F_s[k] + sqrt(etaF) G[k]} and
 * {@code theta_t[k] = sqrt(1 - etaTheta) theta_s[k] + sqrt(etaTheta) g[k]}; for {@code k >= Dshared},
 * {@code F_t[k] = G[k]} and {@code theta_t[k] = g[k]}, where G and g are fresh N(0, 1) draws independent of
 * the source. The mixing is done in double and rounded once to float, so etaF = 0 copies F_s bit for bit.
 *
 * @param inputDim        N
 * @param sharedLatentDim Dshared
 * @param sourceFeatures  F_s, row-major Ds x N
 * @param sourceTeacher   theta_s, length Ds
 * @param targetFeatures  F_t, row-major Dt x N
 * @param targetTeacher   theta_t, length Dt
 */
public record ChmmTeachers(int inputDim, int sharedLatentDim, float[] sourceFeatures, float[] sourceTeacher,
                           float[] targetFeatures, float[] targetTeacher) {

    /**
     * Draws the ingredients for {@code p} from {@code seed}. Row k of a feature matrix comes from the
     * stream {@code seed/<name>/k} and a teacher from {@code seed/<name>}, with names
     * {@code source-features}, {@code source-teacher}, {@code target-features} (G) and
     * {@code target-teacher} (g); so changing a dimension keeps the rows and entries that remain.
     */
    public static ChmmTeachers draw(ChmmParameters p, Seed seed) {
        int n = p.inputDim();
        int ds = p.sourceLatentDim();
        int dt = p.targetLatentDim();
        float[] fs = gaussianRows(seed.derive("source-features"), ds, n);
        float[] ts = gaussianVector(seed.derive("source-teacher"), ds);
        float[] ft = gaussianRows(seed.derive("target-features"), dt, n);
        float[] tt = gaussianVector(seed.derive("target-teacher"), dt);
        mix(ft, fs, p.sharedLatentDim() * n, p.etaF());
        mix(tt, ts, p.sharedLatentDim(), p.etaTheta());
        return new ChmmTeachers(n, p.sharedLatentDim(), fs, ts, ft, tt);
    }

    private static float[] gaussianRows(Seed stream, int rows, int cols) {
        float[] out = new float[rows * cols];
        for (int k = 0; k < rows; k++) {
            Gaussian.fill(stream.derive(k).generator(), out, k * cols, cols);
        }
        return out;
    }

    private static float[] gaussianVector(Seed stream, int length) {
        float[] out = new float[length];
        Gaussian.fill(stream.generator(), out, 0, length);
        return out;
    }

    /** fresh[0..count) = sqrt(1 - eta) source + sqrt(eta) fresh. {@code fresh} is modified, {@code source} not. */
    private static void mix(float[] fresh, float[] source, int count, double eta) {
        double keep = Math.sqrt(1 - eta);
        double add = Math.sqrt(eta);
        for (int i = 0; i < count; i++) {
            fresh[i] = (float) (keep * source[i] + add * fresh[i]);
        }
    }

    /** Ds. */
    public int sourceLatentDim() {
        return sourceTeacher.length;
    }

    /** Dt. */
    public int targetLatentDim() {
        return targetTeacher.length;
    }

    /**
     * The cosine between the two teachers in the union latent space, where only the Dshared tied
     * directions are common: {@code sum_{k < Dshared} theta_s[k] theta_t[k] / (|theta_s| |theta_t|)}.
     * About {@code sqrt(1 - etaTheta)} when all directions are tied; near 0, with standard deviation
     * about {@code 1/sqrt(D)}, for unrelated teachers.
     */
    public double teacherOverlap() {
        double dot = 0;
        for (int k = 0; k < sharedLatentDim; k++) {
            dot += (double) sourceTeacher[k] * targetTeacher[k];
        }
        return dot / Math.sqrt(squaredNorm(sourceTeacher) * squaredNorm(targetTeacher));
    }

    private static double squaredNorm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return s;
    }
}
