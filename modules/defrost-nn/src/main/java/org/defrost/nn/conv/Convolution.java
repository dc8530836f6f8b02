package org.defrost.nn.conv;

import org.defrost.kernels.DoubleGemm;
import org.defrost.kernels.ElementOps;
import org.defrost.kernels.Epilogue;
import org.defrost.kernels.FloatGemm;
import org.defrost.kernels.ImageLowering;
import org.defrost.kernels.ImagePatches;
import org.defrost.kernels.KernelThreads;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.data.ReshapeMatrix;

/**
 * The three products of one convolution layer over a batch of NHWC images, with the scratch buffers of that layer,
 * allocated once for up to {@code capacity} samples ({@link ImageOps#convolution}). Shapes: x is
 * {@code rows × (H·W·C)}, the weights {@code (kh·kw·C) × F}, the output and its gradient dZ
 * {@code (rows·Ho·Wo) × F}. Nothing is allocated per call; results are bit-identical for any number of threads.
 *
 * @param <M> {@code FMatrixRMaj} or {@code DMatrixRMaj}
 */
interface Convolution<M extends ReshapeMatrix> {

    /**
     * {@code out = L(x)·W + bias}, L the lowered matrix, the bias (1×F, or null for none) added to every row, then
     * when {@code rectify} {@code out = max(0, out)} element by element ({@code Math.max}, NaN kept); out reshaped
     * to {@code (rows·Ho·Wo) × F}. x, weight and bias not modified.
     */
    void forward(M x, int rows, M weight, M bias, boolean rectify, M out);

    /** {@code dWᵀ = dZᵀ·L(x)}, reshaped to {@code F × (kh·kw·C)}. dz, x not modified. */
    void weightGradient(M dz, M x, int rows, M weightGradT);

    /** The input gradient, reshaped to {@code (rows·H·W) × C}. dz, weight not modified. */
    void inputGradient(M dz, int rows, M weight, M dx);

    /**
     * float32 without a lowered matrix: the products read the images in place ({@link FloatGemm#convolve}). With
     * stride 1 the input gradient is itself a convolution, of dZ with the kernel turned by 180° and its channels
     * exchanged ({@link ImageLowering.Geometry#inputGradient}), prepared once per backward pass; otherwise it is
     * the scatter (col2im) of {@code dZ·Wᵀ}.
     */
    final class Implicit implements Convolution<FMatrixRMaj> {
        private final KernelThreads threads;
        private final ImageLowering.Geometry geometry;
        private final int filters;
        private final ImagePatches patches;
        private final ImagePatches gradientPatches;
        private final FMatrixRMaj rotated;
        private final FMatrixRMaj loweredGrad;
        private Epilogue epilogue = Epilogue.NONE;

        Implicit(ImageLowering.Geometry g, int filters, int capacity, boolean passes, KernelThreads threads) {
            this.threads = threads;
            this.geometry = g;
            this.filters = filters;
            this.patches = new ImagePatches(g);
            boolean rotate = passes && g.gradientIsConvolution();
            this.gradientPatches = rotate ? new ImagePatches(g.inputGradient(filters)) : null;
            this.rotated = rotate ? new FMatrixRMaj(g.kernelHeight() * g.kernelWidth() * filters, g.channels()) : null;
            this.loweredGrad = passes && !rotate ? new FMatrixRMaj(capacity * g.outPixels(), g.patchSize()) : null;
        }

        @Override
        public void forward(FMatrixRMaj x, int rows, FMatrixRMaj weight, FMatrixRMaj bias, boolean rectify,
                FMatrixRMaj out) {
            // the bias and rectifier are applied to each tile of the product while it is in cache; the epilogue is
            // made once, so that training steps allocate nothing
            float[] b = bias == null ? null : bias.data;
            if (!epilogue.is(b, rectify)) {
                epilogue = Epilogue.of(b, rectify);
            }
            FloatGemm.convolve(patches, x.data, rows, weight, epilogue, out, threads);
        }

        @Override
        public void weightGradient(FMatrixRMaj dz, FMatrixRMaj x, int rows, FMatrixRMaj weightGradT) {
            FloatGemm.multTransAPatches(dz, patches, x.data, rows, weightGradT, false, threads);
        }

        @Override
        public void inputGradient(FMatrixRMaj dz, int rows, FMatrixRMaj weight, FMatrixRMaj dx) {
            if (gradientPatches != null) {
                ImagePatches.rotateKernel(weight.data, geometry, filters, rotated.data);
                FloatGemm.convolve(gradientPatches, dz.data, rows, rotated, dx, threads);
                return;
            }
            FloatGemm.multTransB(dz, weight, loweredGrad, false, threads);
            dx.reshape(rows * geometry.height() * geometry.width(), geometry.channels());
            ImageLowering.scatter(loweredGrad.data, rows, geometry, dx.data, ElementOps.FLOAT, threads);
        }
    }

    /**
     * float64 through an explicit lowered matrix ({@link ImageLowering}) and {@link DoubleGemm}: the reference the
     * gradient checks run on, with the input gradient always the scatter of {@code dZ·Wᵀ}.
     */
    final class Lowered implements Convolution<DMatrixRMaj> {
        private final KernelThreads threads;
        private final ImageLowering.Geometry geometry;
        private final DMatrixRMaj lowered;
        private final DMatrixRMaj loweredGrad;

        Lowered(ImageLowering.Geometry g, int capacity, boolean passes, KernelThreads threads) {
            this.threads = threads;
            this.geometry = g;
            this.lowered = new DMatrixRMaj(capacity * g.outPixels(), g.patchSize());
            this.loweredGrad = passes ? new DMatrixRMaj(capacity * g.outPixels(), g.patchSize()) : null;
        }

        @Override
        public void forward(DMatrixRMaj x, int rows, DMatrixRMaj weight, DMatrixRMaj bias, boolean rectify,
                DMatrixRMaj out) {
            DoubleGemm.mult(lower(x, rows), weight, out, false, threads);
            int filters = out.numCols;
            double[] o = out.data;
            for (int i = 0; i < out.numRows * filters; i++) {
                double v = bias == null ? o[i] : o[i] + bias.data[i % filters];
                o[i] = rectify ? Math.max(0, v) : v;
            }
        }

        @Override
        public void weightGradient(DMatrixRMaj dz, DMatrixRMaj x, int rows, DMatrixRMaj weightGradT) {
            DoubleGemm.multTransA(dz, lower(x, rows), weightGradT, false, threads);
        }

        @Override
        public void inputGradient(DMatrixRMaj dz, int rows, DMatrixRMaj weight, DMatrixRMaj dx) {
            DoubleGemm.multTransB(dz, weight, loweredGrad, false, threads);
            dx.reshape(rows * geometry.height() * geometry.width(), geometry.channels());
            ImageLowering.scatter(loweredGrad.data, rows, geometry, dx.data, ElementOps.DOUBLE, threads);
        }

        private DMatrixRMaj lower(DMatrixRMaj x, int rows) {
            lowered.reshape(rows * geometry.outPixels(), geometry.patchSize());
            ImageLowering.lower(x.data, rows, geometry, lowered.data, ElementOps.DOUBLE, threads);
            return lowered;
        }
    }
}
