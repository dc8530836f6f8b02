package org.defrost.nn.transfer;

import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.spi.Seed;

/**
 * Builds the target network of a transfer run (method §5).
 *
 * <p>For transfer depth ℓ in {@code 0..L}: layers {@code 1..ℓ} are copied from the source and frozen; hidden
 * layers {@code ℓ+1..L} are copied ({@link UnfrozenInit#PRETRAINED}) or freshly drawn
 * ({@link UnfrozenInit#RANDOM}) and trainable; the readout {@code L+1} is always freshly drawn and trainable.
 * Fresh layers come from {@link Network#build(NetworkSpec, Seed)}'s streams for {@code seed}, so with
 * {@code RANDOM} the layers above ℓ equal those of a scratch network built with the same seed, and
 * ℓ = 0 with {@code RANDOM} is exactly the scratch baseline.
 */
public final class Transfer {
    private Transfer() {
    }

    /** The target network for {@code depth} with the source's architecture (same readout width and head). */
    public static Network build(Network source, int depth, UnfrozenInit unfrozenInit, Seed seed) {
        return build(source, source.spec(), depth, unfrozenInit, seed);
    }

    /**
     * The target network for {@code depth} with architecture {@code targetSpec}, whose hidden layers must
     * match the source's (same input width, hidden widths and biases); its readout width, head, activation and
     * init may differ. A different activation is allowed but makes copied layers compute something else.
     *
     * @param source       the trained source network. Not modified.
     * @param depth        ℓ, the number of transferred and frozen layers, {@code 0..L}
     * @param unfrozenInit how layers {@code ℓ+1..L} start
     * @param seed         the target run's seed (initialisation streams as in {@link Network#build})
     */
    public static Network build(Network source, NetworkSpec targetSpec, int depth, UnfrozenInit unfrozenInit,
                                Seed seed) {
        NetworkSpec s = source.spec();
        if (s.inputDim() != targetSpec.inputDim() || !s.hiddenWidths().equals(targetSpec.hiddenWidths())
                || s.bias() != targetSpec.bias()) {
            throw new IllegalArgumentException("target architecture " + targetSpec.inputDim() + "→"
                    + targetSpec.hiddenWidths() + " (bias " + targetSpec.bias() + ") does not match the source's "
                    + s.inputDim() + "→" + s.hiddenWidths() + " (bias " + s.bias() + ")");
        }
        int hidden = s.hiddenLayerCount();
        if (depth < 0 || depth > hidden) {
            throw new IllegalArgumentException("transfer depth " + depth + " outside 0.." + hidden);
        }
        Network target = Network.build(targetSpec, seed);
        int copiedThrough = unfrozenInit == UnfrozenInit.PRETRAINED ? hidden : depth;
        if (copiedThrough > 0) {
            target.copyLayersFrom(source, 1, copiedThrough);
        }
        target.freezeThrough(depth);
        return target;
    }
}
