package org.defrost.similarity.linalg;

import jdk.incubator.vector.DoubleVector;

/** The width of the processor's preferred double vector; loaded only when the vector module is present. */
final class VectorShape {
    private VectorShape() {
    }

    static int preferredBits() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
