/**
 * The correlated hidden manifold model (method.md §2): two binary tasks whose feature matrices and teachers
 * are tied by {@code etaF}, {@code etaTheta} and the number of shared latent directions.
 *
 * <h2>The model</h2>
 * Each task draws {@code c ~ N(0, I_D)} and sees {@code x = sigma(F^T c / sqrt(D)) in R^N} with label
 * {@code 1 if theta . c > 0 else 0}. The source has D = Ds, the target D = Dt. The target's first Dshared
 * latent directions (rows of F_t, entries of theta_t) are tied to the source's first Dshared by
 * variance-preserving mixing with fresh draws, and its other Dt - Dshared directions are fresh
 * ({@link org.defrost.tasks.chmm.ChmmTeachers}). The source's directions Dshared..Ds-1 have no counterpart
 * in the target. So {@code etaF = etaTheta = 0} with {@code Dshared = Ds = Dt} gives identical tasks, and
 * {@code etaF = etaTheta = 1} gives independent ones.
 *
 * <p>Source and target sets draw their latent vectors independently. Paired probes draw one latent vector
 * in the union of the two latent spaces, of dimension Ds + Dt - Dshared, ordered
 * {@code [tied | source-only | target-only]}; the source view uses the first Ds coordinates and the target
 * view the tied and target-only ones, so {@code x_s(c)} and {@code x_t(c)} (and their labels) come from the
 * same c on the shared directions.
 *
 * <h2>Sizes</h2>
 * Source training set (default 20 N), target pool (default 20 N; every target training size is a prefix of
 * it), two test sets (10,000 each) and three probe sets (2,000 each). Validation rows are taken from the
 * source training rows ({@link org.defrost.tasks.ValidationSplit}) and from the end of the target pool
 * ({@link org.defrost.tasks.TargetSplit}). Label noise flips training labels only.
 *
 * <h2>Reproducibility</h2>
 * Streams derived from the pipeline seed: {@code source-features/k}, {@code source-teacher},
 * {@code target-features/k}, {@code target-teacher}, and {@code sample/<set>/r} for row r of each set
 * ({@link org.defrost.tasks.chmm.ChmmSet}). Normal draws use {@link org.defrost.tasks.Gaussian}, the
 * product a fixed summation order ({@link org.defrost.tasks.chmm.LatentProduct}) and the nonlinearities
 * exact IEEE operations only ({@link org.defrost.tasks.chmm.FloatFunctions}); the bytes are therefore the same on any machine and for any
 * block size, thread count or order of generation.
 * The source's files depend only on the seed and the source-side parameters (N, Ds, nonlinearity,
 * labelNoise, source sizes, probeSize), never on Dt, Dshared, etaF, etaTheta or the target sizes.
 */
package org.defrost.tasks.chmm;
