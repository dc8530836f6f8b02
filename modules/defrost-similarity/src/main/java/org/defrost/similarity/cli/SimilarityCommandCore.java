package org.defrost.similarity.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.defrost.kernels.KernelThreads;
import org.defrost.npy.Npy;
import org.defrost.npy.NpyArray;
import org.defrost.npy.NpyFormatException;
import org.defrost.similarity.InvalidSimilarityInputException;
import org.defrost.similarity.MeasureParameters;
import org.defrost.similarity.Representation;
import org.defrost.similarity.SimilarityMeasure;
import org.defrost.similarity.SimilarityMeasures;
import org.defrost.similarity.SimilarityResult;
import org.defrost.similarity.SubsetPlan;
import org.defrost.similarity.cka.RbfCka;
import org.defrost.similarity.knn.NeighbourMeasure;
import org.defrost.similarity.knn.TwoNn;

/**
 * What {@code defrost similarity --measure NAME [--k K] [--threshold T] [--labels Y.npy] A.npy [B.npy]}
 * does, without the command-line parsing: reads the arrays, computes one measure and returns one JSON
 * object. Every problem with the input is an {@link InvalidSimilarityInputException} whose message is
 * meant for the user as is.
 */
public final class SimilarityCommandCore {
    private SimilarityCommandCore() {
    }

    /**
     * {@link #run(String, Integer, Double, Path, Path, Path, SubsetPlan, KernelThreads)} with the standard
     * subset plan, on the calling thread.
     */
    public static String run(String measure, Integer k, Double threshold, Path labelsNpy, Path aNpy, Path bNpyOrNull)
            throws IOException {
        return run(measure, k, threshold, labelsNpy, aNpy, bNpyOrNull, SubsetPlan.standard(), KernelThreads.single());
    }

    /**
     * Computes one measure.
     *
     * @param measure    registry name
     * @param k          neighbourhood size, or null for the measure's default
     * @param threshold  rbf-cka bandwidth factor, or null for the default
     * @param labelsNpy  integer labels, one per row of A (1-D, or 2-D with one column), or null
     * @param aNpy       A: 2-D float32 or float64 array, points × features
     * @param bNpyOrNull B: same rows as A, or null for one-representation measures
     * @param subsets    how neighbour-based measures split many points
     * @param threads    the threads the computation runs on
     * @return one JSON object: {@code measure}, {@code value} (null when undefined), {@code points},
     *         {@code stderr} and {@code subsets} when subsets were averaged, and the parameters used
     * @throws InvalidSimilarityInputException for any invalid input
     * @throws IOException                     if a file cannot be read for another reason
     */
    public static String run(String measure, Integer k, Double threshold, Path labelsNpy, Path aNpy, Path bNpyOrNull,
                             SubsetPlan subsets, KernelThreads threads) throws IOException {
        int[] labels = labelsNpy == null ? null : readLabels(labelsNpy);
        SimilarityMeasure m = SimilarityMeasures.create(measure,
                new MeasureParameters(k, threshold, labels, subsets));
        if (m.comparesTwo() && bNpyOrNull == null) {
            throw new InvalidSimilarityInputException(m.name() + " compares two representations; give B.npy after A.npy");
        }
        if (!m.comparesTwo() && bNpyOrNull != null) {
            throw new InvalidSimilarityInputException(m.name() + " describes one representation; give only A.npy");
        }
        Representation a = readRepresentation(aNpy, threads);
        Representation b = bNpyOrNull == null ? null : readRepresentation(bNpyOrNull, threads);
        SimilarityResult result = m.compute(a, b);
        JsonObject json = new JsonObject()
                .put("measure", m.name())
                .put("value", result.value())
                .put("points", a.rows());
        if (result.stderr().isPresent()) {
            json.put("stderr", result.stderr().getAsDouble()).put("subsets", result.subsets());
        }
        if (m instanceof NeighbourMeasure nm && !(m instanceof TwoNn)) {
            json.put("k", nm.k());
        }
        if (m instanceof RbfCka rbf) {
            json.put("threshold", rbf.threshold());
        }
        return json.toString();
    }

    private static Representation readRepresentation(Path file, KernelThreads threads) throws IOException {
        NpyArray array = read(file);
        if (array.shape().length != 2) {
            throw new InvalidSimilarityInputException(file + ": expected a 2-D array (points × features), found shape "
                    + shape(array));
        }
        if (!array.isFloatingPoint()) {
            throw new InvalidSimilarityInputException(file + ": expected float32 or float64 values, found dtype "
                    + array.dtype());
        }
        return Representation.of(file.getFileName().toString(), array.asDoubles(), array.rows(), array.cols(),
                threads);
    }

    private static int[] readLabels(Path file) throws IOException {
        NpyArray array = read(file);
        int[] shape = array.shape();
        boolean column = shape.length == 1 || (shape.length == 2 && shape[1] == 1);
        if (!column) {
            throw new InvalidSimilarityInputException(file + ": labels must be a 1-D array (one per point), found shape "
                    + shape(array));
        }
        if (!array.isFloatingPoint()) {
            try {
                return array.asInts();
            } catch (IllegalStateException e) {
                throw new InvalidSimilarityInputException(file + ": " + e.getMessage());
            }
        }
        double[] values = array.asDoubles();
        int[] labels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != Math.rint(values[i]) || Math.abs(values[i]) > Integer.MAX_VALUE) {
                throw new InvalidSimilarityInputException(file + ": labels must be integers, found " + values[i]
                        + " at index " + i);
            }
            labels[i] = (int) values[i];
        }
        return labels;
    }

    private static NpyArray read(Path file) throws IOException {
        try {
            return Npy.read(file);
        } catch (NoSuchFileException e) {
            throw new InvalidSimilarityInputException(file + ": no such file");
        } catch (NpyFormatException e) {
            throw new InvalidSimilarityInputException(e.getMessage());
        }
    }

    private static String shape(NpyArray array) {
        return Arrays.toString(array.shape()).replace('[', '(').replace(']', ')');
    }
}
