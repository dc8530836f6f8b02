package org.defrost.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatElementOps} with max pooling's selections on the Vector API, which the JIT does not vectorise when
 * written as loops: a float comparison chooses an int (the window position), an int comparison chooses a float.
 * Positions and gradients are handled as the bits of equally long vectors ({@code reinterpret}), so no mask
 * changes element type. A window's maximum and position, and a column's running sum, stay in registers until
 * they are complete and are stored once. Every element gets exactly the value of the plain loop. Loaded only
 * when the {@code jdk.incubator.vector} module is present.
 */
final class VectorFloatElementOps extends FloatElementOps {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;

    @Override
    public void windowMax(float[] in, int at, int[] offsets, float[] out, int o, int[] positions, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            // the maximum and its position in registers over the whole window, stored once
            FloatVector m = FloatVector.fromArray(F, in, at + offsets[0] + i);
            FloatVector position = IntVector.zero(I).reinterpretAsFloats();
            for (int t = 1; t < offsets.length; t++) {
                FloatVector v = FloatVector.fromArray(F, in, at + offsets[t] + i);
                VectorMask<Float> larger = v.compare(VectorOperators.GT, m);
                position = position.blend(IntVector.broadcast(I, t).reinterpretAsFloats(), larger);
                m = m.lanewise(VectorOperators.MAX, v);
            }
            m.intoArray(out, o + i);
            position.reinterpretAsInts().intoArray(positions, o + i);
        }
        super.windowMax(in, at + i, offsets, out, o + i, positions, n - i);
    }

    @Override
    public void windowRoute(float[] gradOut, int o, int[] positions, float[] grad, int at, int[] offsets, int n) {
        int i = 0;
        IntVector zero = IntVector.zero(I);
        for (int end = I.loopBound(n); i < end; i += I.length()) {
            IntVector position = IntVector.fromArray(I, positions, o + i);
            IntVector g = FloatVector.fromArray(F, gradOut, o + i).reinterpretAsInts();
            for (int t = 0; t < offsets.length; t++) {
                zero.blend(g, position.compare(VectorOperators.EQ, t)).reinterpretAsFloats()
                        .intoArray(grad, at + offsets[t] + i);
            }
        }
        super.windowRoute(gradOut, o + i, positions, grad, at + i, offsets, n - i);
    }

    @Override
    public void columnSumsInPrecision(float[] g, int rows, int cols, int c0, int c1, float[] out) {
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
        super.columnSumsInPrecision(g, rows, cols, c, c1, out);
    }
}
