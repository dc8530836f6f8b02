package org.defrost.nn.conv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.defrost.nn.Gaussian;
import org.defrost.nn.backend.Backend;
import org.defrost.spi.Seed;
import org.ejml.data.ReshapeMatrix;

/**
 * The tensors of a block network in one precision, block by block ({@code 1..L+1}) and layer by layer, in the
 * order of {@link LayerSpec#tensorShapes}. The trainable tensors of a block are its conv and dense weights and
 * biases and its batch-norm γ and β; batch-norm running statistics are state that training mode updates.
 *
 * @param <M> matrix type of the precision
 */
public final class BlockParameters<M extends ReshapeMatrix> {
    private final Architecture architecture;
    /** [block - 1][layer] → tensors. */
    private final List<List<List<M>>> tensors;

    /** Zero tensors for {@code architecture} (batch-norm γ and running variance too). Allocates. */
    public BlockParameters(Architecture architecture, Backend<M> backend) {
        this.architecture = architecture;
        List<List<List<M>>> all = new ArrayList<>();
        for (int b = 1; b <= architecture.blockCount() + 1; b++) {
            BlockSpec block = architecture.block(b);
            ImageShape s = architecture.inputOf(b);
            List<List<M>> layers = new ArrayList<>();
            for (LayerSpec l : block.layers()) {
                List<M> t = new ArrayList<>();
                for (int[] shape : l.tensorShapes(s)) {
                    t.add(backend.zeros(shape[0], shape[1]));
                }
                layers.add(Collections.unmodifiableList(t));
                s = l.output(s);
            }
            all.add(Collections.unmodifiableList(layers));
        }
        this.tensors = Collections.unmodifiableList(all);
    }

    /** The architecture. */
    public Architecture architecture() {
        return architecture;
    }

    /** L + 1, the number of blocks including the readout. */
    public int blockCount() {
        return tensors.size();
    }

    /** The live tensors of layer {@code layer} (0-based) of block {@code block} (1-based). */
    public List<M> tensors(int block, int layer) {
        return layers(block).get(layer);
    }

    /** The live trainable tensors of block {@code block}, in layer and tensor order. */
    public List<M> trainable(int block) {
        List<M> out = new ArrayList<>();
        List<LayerSpec> specs = architecture.block(block).layers();
        for (int j = 0; j < specs.size(); j++) {
            List<M> t = tensors(block, j);
            out.addAll(specs.get(j) instanceof LayerSpec.BatchNorm ? t.subList(0, 2) : t);
        }
        return out;
    }

    /** For each tensor of {@link #trainable}: whether it is a conv or dense weight (weight decay applies). */
    public boolean[] weightFlags(int block) {
        List<Boolean> flags = new ArrayList<>();
        List<LayerSpec> specs = architecture.block(block).layers();
        for (int j = 0; j < specs.size(); j++) {
            int n = specs.get(j) instanceof LayerSpec.BatchNorm ? 2 : tensors(block, j).size();
            for (int i = 0; i < n; i++) {
                flags.add(i == 0 && !(specs.get(j) instanceof LayerSpec.BatchNorm));
            }
        }
        boolean[] out = new boolean[flags.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = flags.get(i);
        }
        return out;
    }

    /** Every tensor of block {@code block} (trainable and statistics), in layer and tensor order. */
    public List<M> all(int block) {
        List<M> out = new ArrayList<>();
        for (List<M> t : layers(block)) {
            out.addAll(t);
        }
        return out;
    }

    /**
     * Redraws block {@code block}: conv and dense weights {@code ~ N(0, std²)} under the architecture's init
     * (fan-in = rows of the weight, fan-out = columns), from {@code seed.derive("init").derive(block).derive(j)}
     * for layer j; biases and β zero, γ one, running mean 0 and variance 1.
     */
    public void initialise(int block, Seed seed, Backend<M> backend) {
        List<LayerSpec> specs = architecture.block(block).layers();
        for (int j = 0; j < specs.size(); j++) {
            List<M> t = tensors(block, j);
            if (specs.get(j) instanceof LayerSpec.BatchNorm) {
                fill(backend, t.get(0), 1);
                fill(backend, t.get(1), 0);
                fill(backend, t.get(2), 0);
                fill(backend, t.get(3), 1);
                continue;
            }
            if (t.isEmpty()) {
                continue;
            }
            M w = t.get(0);
            double std = architecture.init().standardDeviation(w.getNumRows(), w.getNumCols());
            Gaussian g = new Gaussian(seed.derive("init").derive(block).derive(j).generator());
            for (int i = 0, n = w.getNumRows() * w.getNumCols(); i < n; i++) {
                backend.set(w, i, std * g.next());
            }
            if (t.size() > 1) {
                fill(backend, t.get(1), 0);
            }
        }
    }

    private static <M extends ReshapeMatrix> void fill(Backend<M> backend, M m, double value) {
        for (int i = 0, n = m.getNumRows() * m.getNumCols(); i < n; i++) {
            backend.set(m, i, value);
        }
    }

    /** Copies every tensor of block {@code block} from {@code other} (same architecture block and precision). */
    public void copyBlock(BlockParameters<M> other, int block, Backend<M> backend) {
        List<M> from = other.all(block);
        List<M> to = all(block);
        if (from.size() != to.size()) {
            throw new IllegalArgumentException("block " + block + " differs: " + from.size() + " and " + to.size()
                    + " tensors");
        }
        for (int i = 0; i < to.size(); i++) {
            M f = from.get(i);
            M t = to.get(i);
            if (f.getNumRows() != t.getNumRows() || f.getNumCols() != t.getNumCols()) {
                throw new IllegalArgumentException("block " + block + " tensor " + i + " differs: " + f.getNumRows()
                        + "×" + f.getNumCols() + " and " + t.getNumRows() + "×" + t.getNumCols());
            }
            backend.copy(f, t);
        }
    }

    /** These tensors in another precision. Allocates. */
    public <N extends ReshapeMatrix> BlockParameters<N> convert(Backend<M> from, Backend<N> to) {
        BlockParameters<N> out = new BlockParameters<>(architecture, to);
        for (int b = 1; b <= blockCount(); b++) {
            List<M> src = all(b);
            List<N> dst = out.all(b);
            for (int i = 0; i < src.size(); i++) {
                for (int e = 0, n = src.get(i).getNumRows() * src.get(i).getNumCols(); e < n; e++) {
                    to.set(dst.get(i), e, from.get(src.get(i), e));
                }
            }
        }
        return out;
    }

    private List<List<M>> layers(int block) {
        if (block < 1 || block > tensors.size()) {
            throw new IllegalArgumentException("block " + block + " outside 1.." + tensors.size());
        }
        return tensors.get(block - 1);
    }
}
