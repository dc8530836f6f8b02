package org.defrost.spi;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A 64-bit seed from which independent, named random streams are derived.
 *
 * <p>Derivation is a pure function of the parent value and the name (SplitMix64 finalisers over the
 * UTF-8 bytes), so the stream for {@code seed.derive("init").derive("layer-2")} is the same on every
 * machine, in every order of use and whatever else was derived before it. Use one derived stream per
 * purpose (data, initialisation, minibatch order, ...) and per block of work.
 *
 * @param value the raw 64-bit seed
 */
public record Seed(long value) {

    /** The seed with the given raw value. */
    public static Seed of(long value) {
        return new Seed(value);
    }

    /** The child seed named {@code name}; distinct names give statistically independent seeds. */
    public Seed derive(String name) {
        long h = mix(value ^ 0x9E3779B97F4A7C15L);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xffL));
        }
        return new Seed(mix(h ^ name.length()));
    }

    /** The child seed numbered {@code index}, e.g. for the i-th block or the i-th repetition. */
    public Seed derive(long index) {
        return new Seed(mix(mix(value ^ 0xD1B54A32D192ED03L) + index));
    }

    /** A fresh generator positioned at the start of this seed's stream. */
    public SplittableRandom generator() {
        return new SplittableRandom(value);
    }

    /** SplitMix64's finaliser: a bijection on 64-bit values with good avalanche. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
