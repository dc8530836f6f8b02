package org.defrost.similarity.knn;

import org.defrost.kernels.DoubleProducts;
import org.defrost.kernels.KernelThreads;
import org.defrost.similarity.Representation;
import org.defrost.similarity.linalg.SquaredDistances;

/**
 * The neighbours of every point of one subset within one representation: the shared computation behind
 * all neighbour-based measures. Built from the subset's Gram matrix (one fast product), turned into
 * squared distances, then a bounded heap per row picks the k nearest in {@code O(n log k)}.
 *
 * <p>Order: point j is nearer to i than l when the computed squared distance {@code d(i,j) < d(i,l)}, or
 * the two are equal and {@code j < l} (subset-local indices follow the original row order). Distances
 * come from the Gram trick on centred data and carry rounding of about 1e-16 of the squared norms, so
 * distances that are equal in exact arithmetic (say, Hamming-like distances between ±1 inputs) may be
 * ordered by that rounding rather than by row; identical points are always tied exactly at zero. A point
 * is never its own neighbour.
 */
public final class NeighbourTable {
    private final int size;
    private final int k;
    private final int[] neighbours;
    private final double[] squaredDistances;
    private final double[] firstDistance;
    private final double[] secondDistance;
    private final KernelThreads threads;

    private NeighbourTable(int size, int k, int[] neighbours, double[] squaredDistances, double[] firstDistance,
                           double[] secondDistance, KernelThreads threads) {
        this.size = size;
        this.k = k;
        this.neighbours = neighbours;
        this.squaredDistances = squaredDistances;
        this.firstDistance = firstDistance;
        this.secondDistance = secondDistance;
        this.threads = threads;
    }

    /**
     * Builds the table of one subset.
     *
     * @param r             the representation; the table is built on its threads and keeps them for the measures
     * @param rows          the subset's row indices, sorted. Not modified.
     * @param k             neighbours kept per point, {@code 1 <= k < rows.length}
     * @param keepDistances whether to keep the {@code n × n} squared distances, needed to rank arbitrary
     *                      points (information imbalance)
     */
    public static NeighbourTable build(Representation r, int[] rows, int k, boolean keepDistances) {
        int n = rows.length;
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("k = " + k + " must be in 1.." + (n - 1));
        }
        KernelThreads threads = r.threads();
        double[] d = DoubleProducts.pointGramUpper(r.centred(), r.cols(), rows, n, threads);
        SquaredDistances.fromGramInPlace(d, n, threads);
        int[] neighbours = new int[n * k];
        threads.forRanges(n, (long) n * n, (from, to) -> {
            for (int i = from; i < to; i++) {
                nearest(d, n, i, k, neighbours);
            }
        });
        double[] first = null;
        double[] second = null;
        if (k >= 2) {
            // Recomputed from coordinates: the Gram trick loses relative accuracy on short distances,
            // and the ratio of the two nearest distances (TwoNN) is sensitive to exactly that.
            double[] nearestDistance = new double[n];
            double[] secondNearestDistance = new double[n];
            threads.forRanges(n, 2L * n * r.cols(), (from, to) -> {
                for (int i = from; i < to; i++) {
                    double r1 = SquaredDistances.euclidean(r.centred(), r.cols(), rows[i], rows[neighbours[i * k]]);
                    double r2 = SquaredDistances.euclidean(r.centred(), r.cols(), rows[i],
                            rows[neighbours[i * k + 1]]);
                    nearestDistance[i] = Math.min(r1, r2);
                    secondNearestDistance[i] = Math.max(r1, r2);
                }
            });
            first = nearestDistance;
            second = secondNearestDistance;
        }
        return new NeighbourTable(n, k, neighbours, keepDistances ? d : null, first, second, threads);
    }

    /** Writes the k nearest points of i, nearest first, into {@code out[i*k .. i*k+k)}. */
    private static void nearest(double[] d, int n, int i, int k, int[] out) {
        if (k == 1) {
            out[i] = nearestOne(d, n, i);
            return;
        }
        // Max-heap of the k best (distance, index) pairs seen so far; the root is the worst of them.
        double[] heapD = new double[k];
        int[] heapI = new int[k];
        int filled = 0;
        int row = i * n;
        for (int j = 0; j < n; j++) {
            if (j == i) {
                continue;
            }
            double dj = d[row + j];
            if (filled < k) {
                siftUp(heapD, heapI, filled++, dj, j);
            } else if (dj < heapD[0]) {
                // Ties with the root lose: j is larger than every index already in the heap.
                siftDown(heapD, heapI, k, dj, j);
            }
        }
        for (int last = k - 1; last >= 0; last--) {
            out[i * k + last] = heapI[0];
            double dl = heapD[last];
            int il = heapI[last];
            siftDown(heapD, heapI, last, dl, il);
        }
    }

    /** The nearest point to i: the smallest distance, the smallest index among equal ones, never i itself. */
    private static int nearestOne(double[] d, int n, int i) {
        int row = i * n;
        int best = i == 0 ? 1 : 0;
        double bestD = d[row + best];
        for (int j = best + 1; j < n; j++) {
            double dj = d[row + j];
            if (dj < bestD && j != i) {
                bestD = dj;
                best = j;
            }
        }
        return best;
    }

    private static boolean after(double d1, int i1, double d2, int i2) {
        return d1 > d2 || (d1 == d2 && i1 > i2);
    }

    private static void siftUp(double[] hd, int[] hi, int pos, double d, int idx) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!after(d, idx, hd[parent], hi[parent])) {
                break;
            }
            hd[pos] = hd[parent];
            hi[pos] = hi[parent];
            pos = parent;
        }
        hd[pos] = d;
        hi[pos] = idx;
    }

    /** Replaces the root with (d, idx) and restores the heap over {@code [0, size)}. */
    private static void siftDown(double[] hd, int[] hi, int size, double d, int idx) {
        int pos = 0;
        while (true) {
            int child = 2 * pos + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && after(hd[child + 1], hi[child + 1], hd[child], hi[child])) {
                child++;
            }
            if (!after(hd[child], hi[child], d, idx)) {
                break;
            }
            hd[pos] = hd[child];
            hi[pos] = hi[child];
            pos = child;
        }
        if (size > 0) {
            hd[pos] = d;
            hi[pos] = idx;
        }
    }

    /**
     * The rank of t among the neighbours of i (1 = nearest): one plus the number of other points l before t,
     * that is nearer ({@code d(i,l) < d(i,t)}) or as near with a smaller index; a branch-free count.
     */
    private int rankOf(double[] d, int row, int i, int t) {
        double dt = d[row + t];
        int before = 0;
        for (int l = 0; l < t; l++) {
            before += d[row + l] <= dt ? 1 : 0;
        }
        for (int l = t + 1; l < size; l++) {
            before += d[row + l] < dt ? 1 : 0;
        }
        double di = d[row + i];
        boolean selfCounted = i < t ? di <= dt : di < dt;
        return 1 + before - (selfCounted ? 1 : 0);
    }

    /** The threads of the representation the table was built from, for the measures computed on it. */
    public KernelThreads threads() {
        return threads;
    }

    /** Number of points in the subset. */
    public int size() {
        return size;
    }

    /**
     * The m-th nearest neighbour of i (m = 0 is the nearest), as a subset-local index; m is below the k the table
     * was built with.
     */
    public int neighbour(int i, int m) {
        return neighbours[i * k + m];
    }

    /** Exact Euclidean distance from i to its nearest neighbour; needs a table built with k >= 2. */
    public double firstDistance(int i) {
        return firstDistance[i];
    }

    /** Exact Euclidean distance from i to its second-nearest neighbour; needs a table built with k >= 2. */
    public double secondDistance(int i) {
        return secondDistance[i];
    }

    /**
     * Ranks of several points among the neighbours of i (1 = nearest), in {@code O(n log t)} for t targets; needs
     * a table built with {@code keepDistances}.
     *
     * @param targets distinct subset-local indices other than i. Not modified.
     * @param ranks   receives the rank of {@code targets[s]} at index s. Modified.
     */
    public void rankAmongNeighbours(int i, int[] targets, int count, int[] ranks) {
        double[] d = squaredDistances;
        int row = i * size;
        if (count == 1) {
            ranks[0] = rankOf(d, row, i, targets[0]);
            return;
        }
        // Targets sorted by neighbour order, so each other point's place among them is a binary search.
        int[] order = new int[count];
        for (int s = 0; s < count; s++) {
            int pos = s;
            while (pos > 0 && after(d[row + targets[order[pos - 1]]], targets[order[pos - 1]],
                    d[row + targets[s]], targets[s])) {
                order[pos] = order[pos - 1];
                pos--;
            }
            order[pos] = s;
        }
        // counts[m]: points ranked before exactly the sorted targets m, m+1, ... (and after 0..m-1).
        int[] counts = new int[count + 1];
        for (int l = 0; l < size; l++) {
            if (l == i) {
                continue;
            }
            double dl = d[row + l];
            int lo = 0;
            int hi = count;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                int t = targets[order[mid]];
                if (after(dl, l, d[row + t], t) || l == t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            counts[lo]++;
        }
        int before = 0;
        for (int m = 0; m < count; m++) {
            before += counts[m];
            ranks[order[m]] = 1 + before;
        }
    }
}
