package org.defrost.similarity;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.defrost.kernels.KernelThreads;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * One representation: {@code n} points (rows) by {@code p} features in double precision, with its column
 * means. Every measure offered here is invariant to translating all points, so they compute on the
 * column-centred values; centring keeps the Gram-trick distances and the cross-products accurate. The
 * centred copy is made on first use: the feature-space products of linear CKA subtract the means while
 * packing their operands ({@link #centring()}) and need no copy at all.
 *
 * <p>Quantities derived from one representation (its column Gram norm, its RBF kernel, its spectral basis)
 * are computed on first use and kept in a cache shared by all measures and pairs, so comparing a layer
 * with many others decomposes it once. The cache is thread-safe; values in it are never modified.
 *
 * <p>A representation carries the thread budget that everything computed from it runs on (centring,
 * products, neighbour tables, measures); results do not depend on it.
 */
public final class Representation {
    private final String name;
    private final int rows;
    private final int cols;
    private final KernelThreads threads;
    private final Map<Object, Object> cache = new HashMap<>();
    /** The values as given with their column means, until {@link #centred} is made; then the centred copy. */
    private Centring held;

    /**
     * Values and the column means to subtract from them: the centred values are {@code values − 1·meanᵀ},
     * or {@code values} themselves when {@code mean} is null. Shared: callers must not modify either.
     *
     * @param values row-major {@code n × p}
     * @param mean   {@code p} column means, or null
     */
    public record Centring(double[] values, double[] mean) {
    }

    private Representation(String name, int rows, int cols, Centring held, KernelThreads threads) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.held = held;
        this.threads = threads;
    }

    /**
     * A representation from row-major values.
     *
     * @param name   how error messages refer to it, e.g. {@code "A"} or {@code "S layer 2"}
     * @param values  row-major {@code rows × cols} values. Not modified; read until the centred copy is first
     *                needed, so the caller must not modify them while the representation is in use.
     * @param threads the threads computations on this representation run on
     * @throws InvalidSimilarityInputException if a value is NaN or infinite
     */
    public static Representation of(String name, double[] values, int rows, int cols, KernelThreads threads) {
        if (rows < 0 || cols < 0 || (long) rows * cols != values.length) {
            throw new InvalidSimilarityInputException(name + ": shape " + rows + " × " + cols + " does not match "
                    + values.length + " values");
        }
        double[] mean = columnMeans(name, values, rows, cols, threads);
        return new Representation(name, rows, cols, new Centring(values, mean), threads);
    }

    /**
     * Column means, checking every value. Row blocks are summed in parallel and then added in order. A
     * non-finite value makes its column's sum non-finite, so only then is the data scanned for the first
     * offending value in row order.
     */
    private static double[] columnMeans(String name, double[] values, int rows, int cols, KernelThreads threads) {
        int blocks = Math.max(1, Math.min(64, rows / 256));
        double[][] partial = new double[blocks][cols];
        threads.forRanges(blocks, (long) rows * cols, (first, end) -> {
            for (int b = first; b < end; b++) {
                double[] sum = partial[b];
                for (int r = (int) ((long) rows * b / blocks); r < (int) ((long) rows * (b + 1) / blocks); r++) {
                    int o = r * cols;
                    for (int c = 0; c < cols; c++) {
                        sum[c] += values[o + c];
                    }
                }
            }
        });
        double[] mean = new double[cols];
        if (rows == 0) {
            return mean;
        }
        for (double[] sum : partial) {
            for (int c = 0; c < cols; c++) {
                mean[c] += sum[c];
            }
        }
        for (int c = 0; c < cols; c++) {
            mean[c] /= rows;
            if (!Double.isFinite(mean[c])) {
                throw new InvalidSimilarityInputException(firstNonFinite(name, values, cols));
            }
        }
        return mean;
    }

    private static String firstNonFinite(String name, double[] values, int cols) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return name + " contains " + values[i] + " at row " + i / cols + ", column " + i % cols
                        + "; all values must be finite";
            }
        }
        return name + " has values too large to average in double precision";
    }

    /** A representation from a double matrix; see {@link #of(String, double[], int, int, KernelThreads)}. Not modified. */
    public static Representation of(String name, DMatrixRMaj matrix, KernelThreads threads) {
        double[] values = matrix.data.length == matrix.getNumElements()
                ? matrix.data : Arrays.copyOf(matrix.data, matrix.getNumElements());
        return of(name, values, matrix.numRows, matrix.numCols, threads);
    }

    /**
     * A representation from a float matrix, widened to double; see
     * {@link #of(String, double[], int, int, KernelThreads)}. Not modified.
     */
    public static Representation of(String name, FMatrixRMaj matrix, KernelThreads threads) {
        double[] values = new double[matrix.getNumElements()];
        for (int i = 0; i < values.length; i++) {
            values[i] = matrix.data[i];
        }
        return of(name, values, matrix.numRows, matrix.numCols, threads);
    }

    /** How messages refer to this representation. */
    public String name() {
        return name;
    }

    /** Number of points n. */
    public int rows() {
        return rows;
    }

    /** Number of features p. */
    public int cols() {
        return cols;
    }

    /** The threads computations on this representation run on. */
    public KernelThreads threads() {
        return threads;
    }

    /** The column-centred values, row-major {@code n × p}, made on first use. Shared: callers must not modify it. */
    public synchronized double[] centred() {
        if (held.mean() != null) {
            double[] x = held.values();
            double[] mean = held.mean();
            double[] c = new double[x.length];
            threads.forRanges(rows, (long) rows * cols, (from, to) -> {
                for (int o = from * cols; o < to * cols; o += cols) {
                    for (int j = 0; j < cols; j++) {
                        c[o + j] = x[o + j] - mean[j];
                    }
                }
            });
            held = new Centring(c, null);
        }
        return held.values();
    }

    /** The centred values as they are held now: the centred copy if it has been made, else values and means. */
    public synchronized Centring centring() {
        return held;
    }

    /**
     * The cached value for {@code key}, computing and storing it on first use. {@code compute} may itself
     * use the cache (it runs outside the lock); if two threads race, the first stored value wins.
     *
     * @param key an immutable key with value equality, e.g. a record naming the quantity and its parameters
     */
    public <T> T cached(Object key, Class<T> type, Supplier<T> compute) {
        synchronized (cache) {
            Object v = cache.get(key);
            if (v != null) {
                return type.cast(v);
            }
        }
        T value = compute.get();
        synchronized (cache) {
            return type.cast(cache.computeIfAbsent(key, k -> value));
        }
    }

    /** Drops every cached quantity, e.g. once a layer has been compared with all others. */
    public void clearCache() {
        synchronized (cache) {
            cache.clear();
        }
    }

    @Override
    public String toString() {
        return name + " (" + rows + " × " + cols + ")";
    }
}
