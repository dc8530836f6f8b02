package org.defrost.linearprobe;

import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Network;
import org.defrost.spi.Cancellation;
import org.ejml.data.FMatrixRMaj;

/** The frozen features of one layer of a network: its post-activation outputs for a set of inputs. */
final class LayerFeatures {
    /** Rows propagated at once: bounds the memory of the other layers' activations, which are dropped. */
    static final int BLOCK_ROWS = 1024;

    private LayerFeatures() {
    }

    /**
     * The outputs of layer {@code layer} of {@code network} (0 is the input itself, 1..L the feature layers)
     * for every row of {@code inputs}, computed block by block.
     *
     * @param inputs       {@code n × N}. Not modified.
     * @param cancellation polled between blocks
     * @return a new {@code n × width(layer)} matrix
     */
    static FMatrixRMaj of(Network network, int layer, FMatrixRMaj inputs, KernelThreads threads, Cancellation cancellation) {
        int n = inputs.numRows;
        int inputWidth = inputs.numCols;
        int width = network.spec().width(layer);
        FMatrixRMaj out = new FMatrixRMaj(n, width);
        if (layer == 0) {
            System.arraycopy(inputs.data, 0, out.data, 0, n * width);
            return out;
        }
        for (int start = 0; start < n; start += BLOCK_ROWS) {
            cancellation.throwIfCancelled();
            int rows = Math.min(BLOCK_ROWS, n - start);
            FMatrixRMaj block = new FMatrixRMaj(rows, inputWidth);
            System.arraycopy(inputs.data, start * inputWidth, block.data, 0, rows * inputWidth);
            FMatrixRMaj features = network.activations(block, threads).get(layer);
            System.arraycopy(features.data, 0, out.data, start * width, rows * width);
        }
        return out;
    }
}
