package org.defrost.similarity.cca;

import org.defrost.similarity.PairMeasure;
import org.defrost.similarity.Representation;
import org.defrost.similarity.RepresentationPair;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Orthogonal Procrustes distance (as in Ding et al., NeurIPS 2021) between column-centred representations
 * scaled to unit Frobenius norm: {@code min_Q ||Â − B̂Q||_F² = 2 − 2||ÂᵀB̂||_*} over orthogonal Q, where
 * {@code ||·||_*} is the nuclear norm (sum of singular values). In [0, 2]; 0 exactly when B is a scaled
 * rotation or reflection of A. A distance: lower is more similar. Values within rounding of zero are
 * reported as 0. NaN when a representation has no variance.
 */
public final class ProcrustesDistance extends PairMeasure {
    public static final String NAME = "procrustes";

    public ProcrustesDistance() {
        super(NAME, Kind.SYMMETRIC);
    }

    @Override
    protected double value(RepresentationPair pair, Representation a, Representation b) {
        double norms = frobenius(a) * frobenius(b);
        if (!(norms > 0)) {
            return Double.NaN;
        }
        int p = a.cols();
        int q = b.cols();
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(p, q, false, false, true);
        if (!svd.decompose(DMatrixRMaj.wrap(p, q, pair.crossProduct().clone()))) {
            throw new IllegalStateException("SVD of the " + p + " × " + q + " cross-product failed");
        }
        double nuclear = 0;
        for (double s : svd.getSingularValues()) {
            nuclear += s;
        }
        return Math.max(0, 2 - 2 * nuclear / norms);
    }

    private static double frobenius(Representation r) {
        double s = 0;
        for (double v : r.centred()) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
