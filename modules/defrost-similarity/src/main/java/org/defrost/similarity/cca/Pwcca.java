package org.defrost.similarity.cca;

import org.defrost.kernels.DoubleProducts;
import org.defrost.similarity.Representation;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Projection-weighted CCA (Morcos et al., NeurIPS 2018): CCA between the full column spaces of the centred
 * representations, with canonical correlations {@code ρ_i} weighted by how much of the representation
 * each canonical variate {@code h_i} accounts for, {@code α_i ∝ Σ_j |h_iᵀ x_j|} over the representation's
 * centred neurons {@code x_j}; {@code PWCCA = Σ α_i ρ_i} with {@code Σ α_i = 1}. The weights come from the
 * side of smaller rank (A on a tie), as in the reference code, which makes the measure asymmetric.
 * Column spaces are the numerical ranges of {@link SpectralBasis}. NaN when a representation has no variance.
 */
public final class Pwcca extends SpectralMeasure {
    public static final String NAME = "pwcca";

    public Pwcca() {
        super(NAME, Kind.ASYMMETRIC);
    }

    @Override
    protected double value(SpectralBasis a, Representation repA, SpectralBasis b, Representation repB) {
        CanonicalCorrelations cca = CanonicalCorrelations.of(a, a.rank(), b, b.rank(), true, repA.threads());
        boolean weighA = a.rank() <= b.rank();
        SpectralBasis side = weighA ? a : b;
        Representation neurons = weighA ? repA : repB;
        DMatrixRMaj rotation = weighA ? cca.leftVectors() : cca.rightVectors();
        double[] rho = cca.correlations();
        double[] weights = weights(side, neurons, rotation, rho.length);
        double value = 0;
        for (int i = 0; i < rho.length; i++) {
            value += weights[i] * rho[i];
        }
        return value;
    }

    /**
     * {@code α_i = Σ_j |h_iᵀ x_j|}, normalised, with canonical variates {@code H = U·rotation}; computed as
     * {@code rotationᵀ (Uᵀ X)} so that the {@code n × r} variates are never formed.
     */
    private static double[] weights(SpectralBasis basis, Representation x, DMatrixRMaj rotation, int count) {
        int r = basis.rank();
        int p = x.cols();
        double[] projections = DoubleProducts.crossProduct(basis.basis(), basis.rows(), r, r, x.centred(), p, p,
                x.threads());
        DMatrixRMaj variateLoadings = new DMatrixRMaj(rotation.numCols, p);
        CommonOps_DDRM.multTransA(rotation, DMatrixRMaj.wrap(r, p, projections), variateLoadings);
        double[] alpha = new double[count];
        double total = 0;
        for (int i = 0; i < count; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += Math.abs(variateLoadings.get(i, j));
            }
            alpha[i] = s;
            total += s;
        }
        for (int i = 0; i < count; i++) {
            alpha[i] /= total;
        }
        return alpha;
    }
}
