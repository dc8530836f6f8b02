package org.defrost.kernels;

import java.util.Arrays;

/**
 * Cache-blocked product {@code C[i][j] = Σ_k a(k, i) · b(k, j)} in the layout of GotoBLAS/BLIS: for each
 * depth block of {@code kc}, the b-panels are packed once, a block of {@code kc × mc} a-values is packed
 * to stay in L2, and the {@link DoubleMicroKernel} sweeps the a-panels against one {@code kc × NR} b-panel at a
 * time, which stays in L1.
 *
 * <p>Large products are cut in one of two ways, chosen from the shapes alone. Gram matrices of points
 * (large C, sum over features) split the columns of C: every element is computed whole by one thread, so
 * the cut changes nothing. Tall products such as {@code XᵀY} over 10,000 points (small C, long sum) split
 * the summed index into a fixed number of parts, each summed into its own copy of C, and the copies are
 * added in part order at the end. The parts depend on the depth, never on the threads, so results are
 * bit-identical for any {@link KernelThreads} budget. Each element's sum over a part runs in index order
 * through the depth blocks (partial tiles too), so the block sizes do not change the result either.
 *
 * <p>Block sizes depend on the length of the sum. A sum that fits in one depth block of the short-sum sizes
 * (the Gram matrix of points over their features) is summed in one block, so that a large C is written once;
 * a longer sum (a cross-product over thousands of points, whose C is small) uses depth blocks whose b-panel
 * fills half of L1 and an a-block that stays in L2.
 */
final class BlockedDoubleProduct {
    /** Below this many multiply-adds one thread is faster than handing work to another. */
    static final long PARALLEL_THRESHOLD = 1L << 20;
    /** Summed-index length per part when the sum is split. */
    static final int DEPTH_PART = 2048;
    /** At most this many parts (and copies of C) when the sum is split. */
    static final int MAX_DEPTH_PARTS = 8;

    private final DoubleMicroKernel kernel;
    private final Blocking shortSums;
    private final Blocking longSums;
    private final long parallelThreshold;
    private final int depthPart;

    /**
     * Packed block sizes.
     *
     * @param kc depth of a packed block
     * @param mc a-side extent of a packed block, rounded down to a multiple of the kernel's rows
     */
    record Blocking(int kc, int mc) {
    }

    /**
     * @param shortSums         blocks for sums of at most {@code shortSums.kc()} terms
     * @param longSums          blocks for longer sums
     * @param parallelThreshold multiply-adds below which the product is computed whole, on the caller
     * @param depthPart         summed-index length per part when the sum is split
     */
    BlockedDoubleProduct(DoubleMicroKernel kernel, Blocking shortSums, Blocking longSums, long parallelThreshold,
                         int depthPart) {
        this.kernel = kernel;
        this.shortSums = fitted(shortSums, kernel);
        this.longSums = fitted(longSums, kernel);
        this.parallelThreshold = parallelThreshold;
        this.depthPart = Math.max(1, depthPart);
    }

    private static Blocking fitted(Blocking b, DoubleMicroKernel kernel) {
        return new Blocking(Math.max(1, b.kc()), Math.max(kernel.rows(), b.mc() / kernel.rows() * kernel.rows()));
    }

    /**
     * The given kernel with sizes tuned on an AMD EPYC (Zen) core with 256-bit vectors (512 KiB L2, 32 KiB L1d).
     * Sums of up to 512 terms in one block of 512 by 240 rows: the Gram matrix of 512-feature points in one pass
     * was about 12% faster than blocks of 256 by 512 rows, in CPU time per product. Longer sums in blocks of 256
     * by 48 (16 KiB b-panels, a 96 KiB a-block): {@code XᵀX} and {@code XᵀY} over 10,000 points were 1.2–1.3×
     * and 1.0–1.1× as fast as in blocks of 512 by 240 (median of 20 alternating pairs on two threads).
     */
    static BlockedDoubleProduct standard(DoubleMicroKernel kernel) {
        return new BlockedDoubleProduct(kernel, new Blocking(512, 240), new Blocking(256, 48), PARALLEL_THRESHOLD,
                DEPTH_PART);
    }

    DoubleMicroKernel kernel() {
        return kernel;
    }

    /**
     * Overwrites C with the product.
     *
     * @param a     a-side operand; {@code a.depth() == b.depth()}. Not modified.
     * @param b     b-side operand. Not modified.
     * @param upper whether a and b are the same operand: then only tiles touching the upper triangle
     *              are computed and the lower triangle is mirrored from it
     * @param c     row-major {@code a.extent() × b.extent()} result. Modified.
     * @param t     the threads to compute on
     */
    void multiply(PanelSource a, PanelSource b, boolean upper, double[] c, KernelThreads t) {
        multiply(a, b, upper, true, c, t);
    }

    /**
     * As {@link #multiply(PanelSource, PanelSource, boolean, double[], KernelThreads)}; with {@code upper} and
     * not {@code mirror}, only the upper triangle and the diagonal of C are set and the strictly lower
     * triangle is left unspecified, for a caller that reads the upper triangle only (and so saves a pass over C).
     */
    void multiply(PanelSource a, PanelSource b, boolean upper, boolean mirror, double[] c, KernelThreads t) {
        int m = a.extent();
        int n = b.extent();
        if (a.depth() != b.depth()) {
            throw new IllegalArgumentException("operand depths differ: " + a.depth() + " and " + b.depth());
        }
        if (upper && m != n) {
            throw new IllegalArgumentException("a symmetric product needs a square result, got " + m + " × " + n);
        }
        if (m == 0 || n == 0 || a.depth() == 0) {
            Arrays.fill(c, 0, m * n, 0.0);
            return;
        }
        int depth = a.depth();
        int panels = (n + kernel.cols() - 1) / kernel.cols();
        long work = (long) m * n * depth / (upper ? 2 : 1);
        int depthParts = Math.min(MAX_DEPTH_PARTS, depth / depthPart);
        if (work < parallelThreshold) {
            multiplyPanels(a, b, upper, c, 0, panels, 0, depth);
        } else if (n < depth && depthParts > 1) {
            multiplySplittingDepth(a, b, upper, c, depthParts, panels, depth, t);
        } else {
            t.run(panels, (w, ws) -> {
                int[] bounds = balancedPanelRanges(panels, ws, upper, m);
                multiplyPanels(a, b, upper, c, bounds[w], bounds[w + 1], 0, depth);
            });
        }
        if (upper && mirror) {
            mirrorUpperToLower(c, n);
        }
    }

    /** Copies the upper triangle onto the lower in square blocks, so that the column reads stay in cache. */
    private static void mirrorUpperToLower(double[] c, int n) {
        final int block = 64;
        for (int bi = 0; bi < n; bi += block) {
            int iEnd = Math.min(n, bi + block);
            for (int bj = 0; bj <= bi; bj += block) {
                int jEnd = Math.min(n, bj + block);
                for (int i = bi; i < iEnd; i++) {
                    int row = i * n;
                    for (int j = bj; j < Math.min(jEnd, i); j++) {
                        c[row + j] = c[j * n + i];
                    }
                }
            }
        }
    }

    /** Sums depth part q into its own copy of C (part 0 into C itself), then adds the copies in part order. */
    private void multiplySplittingDepth(PanelSource a, PanelSource b, boolean upper, double[] c, int parts,
                                        int panels, int depth, KernelThreads t) {
        int size = a.extent() * b.extent();
        double[][] partial = new double[parts][];
        partial[0] = c;
        t.run(parts, (w, ws) -> {
            for (int q = KernelThreads.bound(parts, w, ws); q < KernelThreads.bound(parts, w + 1, ws); q++) {
                if (q > 0) {
                    partial[q] = new double[size];
                }
                multiplyPanels(a, b, upper, partial[q], 0, panels, KernelThreads.bound(depth, q, parts),
                        KernelThreads.bound(depth, q + 1, parts));
            }
        });
        // In a symmetric product the strictly lower tiles hold garbage here; the mirror overwrites them.
        for (int q = 1; q < parts; q++) {
            double[] p = partial[q];
            for (int i = 0; i < size; i++) {
                c[i] += p[i];
            }
        }
    }

    /** Splits b-panels into contiguous ranges of equal work; in a symmetric product panel j costs ~j. */
    private int[] balancedPanelRanges(int panels, int parts, boolean upper, int m) {
        double[] cumulative = new double[panels + 1];
        for (int p = 0; p < panels; p++) {
            double rows = upper ? Math.min(m, (p + 1) * kernel.cols()) : m;
            cumulative[p + 1] = cumulative[p] + rows;
        }
        int[] bounds = new int[parts + 1];
        bounds[parts] = panels;
        int p = 0;
        for (int t = 1; t < parts; t++) {
            double target = cumulative[panels] * t / parts;
            while (p < panels && cumulative[p] < target) {
                p++;
            }
            bounds[t] = Math.max(p, bounds[t - 1]);
        }
        return bounds;
    }

    /**
     * Sets C to the sum over {@code [kStart, kEnd)} of the summed index, for the columns covered by b-panels
     * {@code [firstPanel, endPanel)}; the first depth block overwrites, so C needs no clearing. In a
     * symmetric product, tiles entirely below the diagonal are left untouched.
     */
    private void multiplyPanels(PanelSource a, PanelSource b, boolean upper, double[] c, int firstPanel,
                                int endPanel, int kStart, int kEnd) {
        int mr = kernel.rows();
        int nr = kernel.cols();
        int m = a.extent();
        int n = b.extent();
        int rowsNeeded = upper ? Math.min(m, endPanel * nr) : m;
        int panels = endPanel - firstPanel;
        Blocking blocking = kEnd - kStart <= shortSums.kc() ? shortSums : longSums;
        int kc = blocking.kc();
        int mc = blocking.mc();
        double[] aPack = new double[kc * mc];
        double[] bPack = new double[kc * panels * nr];
        double[] tile = new double[mr * nr];
        for (int k0 = kStart; k0 < kEnd; k0 += kc) {
            int kcur = Math.min(kc, kEnd - k0);
            boolean first = k0 == kStart;
            b.packPanels(k0, kcur, firstPanel * nr, panels, nr, bPack);
            for (int i0 = 0; i0 < rowsNeeded; i0 += mc) {
                int aPanels = (Math.min(mc, rowsNeeded - i0) + mr - 1) / mr;
                a.packPanels(k0, kcur, i0, aPanels, mr, aPack);
                for (int pb = firstPanel; pb < endPanel; pb++) {
                    int j0 = pb * nr;
                    if (upper && i0 >= j0 + nr) {
                        continue;
                    }
                    int bo = (pb - firstPanel) * kcur * nr;
                    for (int pa = 0; pa < aPanels; pa++) {
                        int ia = i0 + pa * mr;
                        if (upper && ia >= j0 + nr) {
                            break;
                        }
                        if (ia + mr <= m && j0 + nr <= n) {
                            kernel.multiply(aPack, pa * kcur * mr, bPack, bo, kcur, c, ia * n + j0, n, !first);
                        } else {
                            if (!first) {
                                copyPartialTile(c, ia, j0, m, n, tile, true);
                            }
                            kernel.multiply(aPack, pa * kcur * mr, bPack, bo, kcur, tile, 0, nr, !first);
                            copyPartialTile(c, ia, j0, m, n, tile, false);
                        }
                    }
                }
            }
        }
    }

    /** Copies the part of the tile at {@code (i0, j0)} that lies inside C: into the tile, or back into C. */
    private void copyPartialTile(double[] c, int i0, int j0, int m, int n, double[] tile, boolean intoTile) {
        int nr = kernel.cols();
        int rows = Math.min(kernel.rows(), m - i0);
        int cols = Math.min(nr, n - j0);
        for (int i = 0; i < rows; i++) {
            if (intoTile) {
                System.arraycopy(c, (i0 + i) * n + j0, tile, i * nr, cols);
            } else {
                System.arraycopy(tile, i * nr, c, (i0 + i) * n + j0, cols);
            }
        }
    }
}
