package org.defrost.nn;

/**
 * What every float32 network shares about freezing: its units {@code 1..L+1} (the layers of a {@link Network},
 * the blocks of a {@link org.defrost.nn.conv.BlockNetwork}, the readout last) are each trainable or frozen. A
 * frozen unit is never updated by training and has no optimiser state; transfer depth ℓ freezes units
 * {@code 1..ℓ}.
 */
public abstract class FreezableNetwork {
    /** {@code frozen[u]} for units u = 1..L+1; index 0 unused. */
    private final boolean[] frozen;

    /**
     * @param frozen the flags of units 1..L+1 at indices 1..L+1 (index 0 unused); kept, not copied
     */
    protected FreezableNetwork(boolean[] frozen) {
        this.frozen = frozen;
    }

    /** L + 1, the number of units including the readout. */
    protected abstract int unitCount();

    /**
     * Checks that {@code unit} is in {@code 1..L+1}.
     *
     * @throws IllegalArgumentException naming the unit otherwise
     */
    protected abstract void checkUnit(int unit);

    /** A copy of the flags, for a copy of the network. */
    protected final boolean[] frozenFlags() {
        return frozen.clone();
    }

    /** Whether unit {@code u} is frozen. */
    public final boolean isFrozen(int unit) {
        checkUnit(unit);
        return frozen[unit];
    }

    /** Freezes or unfreezes unit {@code u}. */
    public final void setFrozen(int unit, boolean value) {
        checkUnit(unit);
        frozen[unit] = value;
    }

    /** Freezes exactly units {@code 1..depth} ({@code 0 <= depth <= L}) and unfreezes the others. */
    public final void freezeThrough(int depth) {
        if (depth < 0 || depth >= unitCount()) {
            throw new IllegalArgumentException("freeze depth " + depth + " outside 0.." + (unitCount() - 1)
                    + " (the readout cannot be frozen this way)");
        }
        for (int u = 1; u <= unitCount(); u++) {
            frozen[u] = u <= depth;
        }
    }

    /** The number of consecutive frozen units from unit 1 up (0 when unit 1 is trainable). */
    public final int frozenPrefixDepth() {
        int d = 0;
        while (d < unitCount() && frozen[d + 1]) {
            d++;
        }
        return d;
    }

    /** {@code trainable[u]} for u = 1..L+1 (index 0 unused); a new array. */
    public final boolean[] trainableFlags() {
        boolean[] t = new boolean[unitCount() + 1];
        for (int u = 1; u <= unitCount(); u++) {
            t[u] = !frozen[u];
        }
        return t;
    }
}
