package org.defrost.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatElementOps} with max pooling's selections on the Vector API, which the JIT does not vectorise when
 * written as loops: a float comparison chooses an int (the window position), an int comparison chooses a float.
 * Column sums keep their running sums in registers for a whole pass over the rows.
 * Positions and gradients are handled as the bits of equally long vectors ({@code reinterpret}), so no mask
 * changes element type. Every element gets exactly the value of the plain loop. Loaded only when the
 * {@code jdk.incubator.vector} module is present.
 */
final class VectorFloatElementOps extends FloatElementOps {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;

    @Override
    public void maxAndPosition(float[] in, int at, float[] out, int o, int[] positions, int tap, int n) {
        int i = 0;
        FloatVector tapBits = IntVector.broadcast(I, tap).reinterpretAsFloats();
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, in, at + i);
            FloatVector m = FloatVector.fromArray(F, out, o + i);
            VectorMask<Float> larger = v.compare(VectorOperators.GT, m);
            IntVector.fromArray(I, positions, o + i).reinterpretAsFloats().blend(tapBits, larger)
                    .reinterpretAsInts().intoArray(positions, o + i);
            m.lanewise(VectorOperators.MAX, v).intoArray(out, o + i);
        }
        super.maxAndPosition(in, at + i, out, o + i, positions, tap, n - i);
    }

    @Override
    public void route(float[] gradOut, int o, int[] positions, int tap, float[] grad, int at, int n) {
        int i = 0;
        IntVector zero = IntVector.zero(I);
        for (int end = I.loopBound(n); i < end; i += I.length()) {
            VectorMask<Integer> routed = IntVector.fromArray(I, positions, o + i).compare(VectorOperators.EQ, tap);
            zero.blend(FloatVector.fromArray(F, gradOut, o + i).reinterpretAsInts(), routed).reinterpretAsFloats()
                    .intoArray(grad, at + i);
        }
        super.route(gradOut, o + i, positions, tap, grad, at + i, n - i);
    }

    @Override
    public void sumColumns(float[] g, int rows, int cols, int c0, int c1, float[] out) {
        int l = F.length();
        int c = c0;
        // four vectors of columns at a time, each running sum in a register from the first row to the last
        for (; c + 4 * l <= c1; c += 4 * l) {
            FloatVector s0 = FloatVector.zero(F);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            for (int r = 0, a = c; r < rows; r++, a += cols) {
                s0 = s0.add(FloatVector.fromArray(F, g, a));
                s1 = s1.add(FloatVector.fromArray(F, g, a + l));
                s2 = s2.add(FloatVector.fromArray(F, g, a + 2 * l));
                s3 = s3.add(FloatVector.fromArray(F, g, a + 3 * l));
            }
            s0.intoArray(out, c);
            s1.intoArray(out, c + l);
            s2.intoArray(out, c + 2 * l);
            s3.intoArray(out, c + 3 * l);
        }
        for (; c + l <= c1; c += l) {
            FloatVector s0 = FloatVector.zero(F);
            for (int r = 0, a = c; r < rows; r++, a += cols) {
                s0 = s0.add(FloatVector.fromArray(F, g, a));
            }
            s0.intoArray(out, c);
        }
        super.sumColumns(g, rows, cols, c, c1, out);
    }
}
