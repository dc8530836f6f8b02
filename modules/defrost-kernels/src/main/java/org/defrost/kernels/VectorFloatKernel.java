package org.defrost.kernels;

import static org.defrost.kernels.VectorMicroKernels.MR;
import static org.defrost.kernels.VectorMicroKernels.NR;
import static org.defrost.kernels.VectorMicroKernels.PITCH;

/**
 * float32 products on the Vector API, laid out as in high-performance GEMM libraries: the inner dimension is
 * cut into blocks of at most {@value #KC} and the rows into blocks of at most {@value #MC}; per block, op(a) is
 * packed into slivers of MR rows and op(b) into panels of NR columns (either operand may be the lowered matrix of
 * a convolution, packed straight from the images by {@link ImagePatches}), and {@link VectorMicroKernels}
 * accumulates each MR×NR tile of c in registers. Threads split a product by panels, taking over the panels
 * of a thread that falls behind when op(a) is small enough for each of them to pack whole (the dense layers of
 * a training step), or by fixed ranges of tiles or of slivers otherwise. Tiles at the edges go through a
 * zero-padded buffer, so no partial vector is ever loaded or stored. Products whose output is much narrower
 * than a panel (a readout layer) are computed as cᵀ = op(b)ᵀ·op(a)ᵀ, which pads far less.
 *
 * <p>Every element of c is one chain of fused multiply-adds in increasing inner index, whatever its tile,
 * orientation or thread, so results do not depend on the number of threads. Products of one output column or
 * one inner index go to {@link ThinProducts}, which reads the operands in place. Loaded only when the
 * {@code jdk.incubator.vector} module is present.
 */
final class VectorFloatKernel implements FloatKernel {
    /**
     * Largest inner-dimension block; blocks are of equal size. A packed panel (KC·NR floats) stays in the
     * second-level cache. Block boundaries do not change any result: a tile's sums are stored and reloaded
     * in float, exactly as they are held in registers.
     */
    static final int KC = 512;
    /**
     * Most rows of op(a) packed at once: the packed block (at most MC·KC floats, in rows {@link
     * VectorMicroKernels#PITCH} apart) stays in the second-level cache while every panel of op(b) streams past it.
     * Tall products (a convolution over a whole batch) go through several such blocks, packing each panel of op(b)
     * again per block, which costs little next to the block.
     */
    static final int MC = 240;

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void product(float[] a, int aRow, int aCol, ImagePatches aPatches, float[] b, int bRow, int bCol,
            ImagePatches bPatches, float[] c, int m, int n, int k, boolean accumulate, Epilogue epilogue,
            KernelThreads threads) {
        if (ThinProducts.handles(aPatches, bPatches, n, k)) {
            ThinProducts.product(a, aRow, aCol, b, bRow, bCol, c, m, n, k, accumulate, epilogue, threads);
            return;
        }
        // as the right operand, or as the left one of the transposed product, b's free index is its column
        ImagePatches bFree = bPatches == null ? null : bPatches.transposed();
        if (5L * padded(n, MR) * padded(m, NR) < 4L * padded(m, MR) * padded(n, NR)) {
            split(b, bCol, bRow, bFree, a, aCol, aRow, aPatches, c, 1, n, n, m, k, accumulate, epilogue, true,
                    threads);
        } else {
            split(a, aRow, aCol, aPatches, b, bRow, bCol, bFree, c, n, 1, m, n, k, accumulate, epilogue, false,
                    threads);
        }
    }

    private static long padded(int size, int block) {
        return (size + block - 1L) / block * block;
    }

    /**
     * out (rows×cols, element (i, j) at i·outRow + j·outCol) (= or +=) left (rows×k) · right (k×cols), each
     * either strided (element (i, p) of left at {@code left[i·leftRow + p·leftCol]}, element (p, j) of right at
     * {@code right[p·rightRow + j·rightCol]}) or, when its patches are given, patches of the images it holds with
     * the free index (i or j) as the patches' free index. Split across the threads into contiguous ranges of
     * slivers that each cover every panel when that packs fewer values (see {@link #splitBySlivers}); otherwise
     * by panels taken over from threads that fall behind ({@link #byStolenPanels}) when op(a) is one inner block
     * of at most {@value #MC}·{@value #KC} values, or into contiguous ranges of tiles numbered panel by panel.
     * {@code transposed}: whether this is c computed transposed (its rows are c's columns, so the epilogue's
     * bias follows the row).
     */
    private static void split(float[] left, int leftRow, int leftCol, ImagePatches leftPatches, float[] right,
            int rightRow, int rightCol, ImagePatches rightPatches, float[] out, int outRow, int outCol, int rows,
            int cols, int k, boolean accumulate, Epilogue epilogue, boolean transposed, KernelThreads threads) {
        int slivers = (rows + MR - 1) / MR;
        int panels = (cols + NR - 1) / NR;
        int tiles = slivers * panels;
        int parts = threads.partsFor((long) rows * cols * k, tiles);
        if (parts == 1) {
            tiles(left, leftRow, leftCol, leftPatches, right, rightRow, rightCol, rightPatches, out, outRow,
                    outCol, rows, cols, k, accumulate, epilogue, transposed, 0, tiles);
            return;
        }
        boolean stealable = k <= KC && (long) slivers * MR * k <= (long) MC * KC;
        boolean bySlivers = parts <= slivers && splitBySlivers(slivers, panels, parts, stealable);
        if (!bySlivers && stealable) {
            byStolenPanels(left, leftRow, leftCol, leftPatches, right, rightRow, rightCol, rightPatches, out,
                    outRow, outCol, rows, cols, k, accumulate, epilogue, transposed, parts, threads);
            return;
        }
        if (bySlivers) {
            threads.run(parts, (w, ws) -> block(left, leftRow, leftCol, leftPatches, right, rightRow, rightCol,
                    rightPatches, out, outRow, outCol, rows, cols, k, accumulate, epilogue, transposed, 0, tiles,
                    KernelThreads.bound(slivers, w, ws), KernelThreads.bound(slivers, w + 1, ws), 0, panels - 1));
            return;
        }
        threads.run(parts, (w, ws) -> tiles(left, leftRow, leftCol, leftPatches, right, rightRow, rightCol,
                rightPatches, out, outRow, outCol, rows, cols, k, accumulate, epilogue, transposed,
                KernelThreads.bound(tiles, w, ws), KernelThreads.bound(tiles, w + 1, ws)));
    }

    /**
     * Whether splitting the slivers among {@code parts} threads packs fewer values than splitting by panels. A
     * thread packs the slivers and the panels its tiles touch. By slivers, every thread packs the whole right
     * operand once per block of {@value #MC} of its rows. By panels taken over from slower threads
     * ({@code stealable}), every thread packs the whole left operand once and each panel is packed once. By
     * fixed ranges of tiles, every thread whose range spans all slivers packs the whole left operand (a tall
     * product with few panels, such as a convolution over a lowered image, packs it once per thread), and the
     * panels once per block of rows. Which split runs does not change any result.
     */
    static boolean splitBySlivers(int slivers, int panels, int parts, boolean stealable) {
        long rowBlocks = stealable ? 1 : (slivers * (long) MR + MC - 1) / MC;
        long byPanels = Math.min(parts, panels) * (long) slivers * MR + rowBlocks * panels * NR;
        long partBlocks = ((slivers + parts - 1L) / parts * MR + MC - 1) / MC;
        long bySlivers = (long) slivers * MR + parts * partBlocks * panels * NR;
        return bySlivers < byPanels;
    }

    /**
     * A product whose op(a) is one inner block of at most {@value #MC}·{@value #KC} values, its panels cut into
     * one contiguous range per thread. Each thread packs all of op(a), then computes the panels of its range
     * from the front; when done, it takes panels from the back of the other ranges. So a thread that is slow or
     * starts late (a worker not yet scheduled, or parked) leaves the others at most the panel it is in, where a
     * fixed split would leave them waiting for its whole range; and two threads write neighbouring panels of c
     * only where their ranges meet.
     */
    private static void byStolenPanels(float[] left, int leftRow, int leftCol, ImagePatches leftPatches,
            float[] right, int rightRow, int rightCol, ImagePatches rightPatches, float[] out, int outRow, int outCol,
            int rows, int cols, int k, boolean accumulate, Epilogue epilogue, boolean transposed, int parts,
            KernelThreads threads) {
        int slivers = (rows + MR - 1) / MR;
        int panels = (cols + NR - 1) / NR;
        PanelRanges ranges = new PanelRanges(panels, parts);
        threads.run(parts, (w, ws) -> {
            if (ranges.empty()) {
                return;
            }
            Workspace workspace = Workspace.current();
            float[] packedRows = workspace.first(slivers * MR * PITCH);
            float[] packedColumns = workspace.second(k * NR + MR * NR);
            packSlivers(left, leftRow, leftCol, leftPatches, rows, 0, k, 0, slivers, packedRows);
            for (int panel = ranges.takeFront(w); panel >= 0; panel = ranges.takeFront(w)) {
                panel(packedRows, 0, right, rightRow, rightCol, rightPatches, packedColumns, k * NR, out, outRow,
                        outCol, rows, cols, 0, k, panel * NR, 0, slivers, accumulate, epilogue, transposed);
            }
            // all ranges, not ws: a job that runs on its caller alone is one part
            for (int other = 1; other < parts; other++) {
                int range = (w + other) % parts;
                for (int panel = ranges.takeBack(range); panel >= 0; panel = ranges.takeBack(range)) {
                    panel(packedRows, 0, right, rightRow, rightCol, rightPatches, packedColumns, k * NR, out,
                            outRow, outCol, rows, cols, 0, k, panel * NR, 0, slivers, accumulate, epilogue,
                            transposed);
                }
            }
        });
    }

    /** Packs slivers [s0, s1) of op(a), inner indices [pc, pc + kc), as {@link PanelPacking#packRows} does. */
    private static void packSlivers(float[] left, int leftRow, int leftCol, ImagePatches leftPatches, int rows,
            int pc, int kc, int s0, int s1, float[] packed) {
        if (leftPatches == null) {
            PanelPacking.packRows(left, leftRow, leftCol, rows, pc, kc, s0, s1, packed);
        } else {
            leftPatches.pack(left, rows, s0 * MR, (s1 - s0) * MR, pc, kc, packed, 0, PITCH, 1);
        }
    }

    /** Computes tiles [t0, t1), tile t being sliver t % slivers of panel t / slivers. */
    private static void tiles(float[] left, int leftRow, int leftCol, ImagePatches leftPatches, float[] right,
            int rightRow, int rightCol, ImagePatches rightPatches, float[] out, int outRow, int outCol, int rows,
            int cols, int k, boolean accumulate, Epilogue epilogue, boolean transposed, int t0, int t1) {
        if (t0 >= t1) {
            return;
        }
        int slivers = (rows + MR - 1) / MR;
        int firstPanel = t0 / slivers;
        int lastPanel = (t1 - 1) / slivers;
        int s0 = firstPanel == lastPanel ? t0 % slivers : 0;
        int s1 = firstPanel == lastPanel ? (t1 - 1) % slivers + 1 : slivers;
        block(left, leftRow, leftCol, leftPatches, right, rightRow, rightCol, rightPatches, out, outRow, outCol, rows,
                cols, k, accumulate, epilogue, transposed, t0, t1, s0, s1, firstPanel, lastPanel);
    }

    /**
     * Computes the tiles of [t0, t1) (numbered as in {@link #tiles}) that lie in slivers [s0, s1) and panels
     * [firstPanel, lastPanel]; the sliver and panel ranges bound what is packed.
     */
    private static void block(float[] left, int leftRow, int leftCol, ImagePatches leftPatches, float[] right,
            int rightRow, int rightCol, ImagePatches rightPatches, float[] out, int outRow, int outCol, int rows,
            int cols, int k, boolean accumulate, Epilogue epilogue, boolean transposed, int t0, int t1, int s0, int s1,
            int firstPanel, int lastPanel) {
        if (s0 >= s1) {
            return;
        }
        int slivers = (rows + MR - 1) / MR;
        int innerBlocks = (k + KC - 1) / KC;
        int kcMax = (k + innerBlocks - 1) / innerBlocks;
        Workspace workspace = Workspace.current();
        float[] packedRows = workspace.first(Math.min(s1 - s0, MC / MR) * MR * PITCH);
        float[] packedColumns = workspace.second(kcMax * NR + MR * NR);
        int edgeTile = kcMax * NR;
        for (int sb = s0; sb < s1; sb += MC / MR) {
            int se = Math.min(s1, sb + MC / MR);
            for (int q = 0; q < innerBlocks; q++) {
                int pc = KernelThreads.bound(k, q, innerBlocks);
                int kc = KernelThreads.bound(k, q + 1, innerBlocks) - pc;
                boolean load = accumulate || q > 0;
                Epilogue finish = q == innerBlocks - 1 ? epilogue : Epilogue.NONE;
                packSlivers(left, leftRow, leftCol, leftPatches, rows, pc, kc, sb, se, packedRows);
                for (int panel = firstPanel; panel <= lastPanel; panel++) {
                    int first = Math.max(sb, t0 - panel * slivers);
                    int last = Math.min(se, t1 - panel * slivers);
                    if (first < last) {
                        panel(packedRows, (first - sb) * MR * PITCH, right, rightRow, rightCol, rightPatches,
                                packedColumns, edgeTile, out, outRow, outCol, rows, cols, pc, kc, panel * NR, first,
                                last, load, finish, transposed);
                    }
                }
            }
        }
    }

    /**
     * Packs columns [j0, j0 + NR) of op(b), inner indices [pc, pc + kc), into {@code packedColumns} and computes
     * the tiles of slivers [first, last) in them, sliver {@code first} being packed at {@code aOff} of
     * {@code packedRows} and each next one MR·PITCH further.
     */
    private static void panel(float[] packedRows, int aOff, float[] right, int rightRow, int rightCol,
            ImagePatches rightPatches, float[] packedColumns, int edgeTile, float[] out, int outRow, int outCol,
            int rows, int cols, int pc, int kc, int j0, int first, int last, boolean load, Epilogue finish,
            boolean transposed) {
        if (rightPatches == null) {
            PanelPacking.packColumns(right, rightRow, rightCol, cols, pc, kc, j0, packedColumns);
        } else {
            rightPatches.pack(right, cols, j0, NR, pc, kc, packedColumns, 0, 1, NR);
        }
        for (int sliver = first; sliver < last; sliver++, aOff += MR * PITCH) {
            int i0 = sliver * MR;
            if (outCol == 1 && i0 + MR <= rows && j0 + NR <= cols) {
                VectorMicroKernels.tile(packedRows, aOff, packedColumns, kc, out, i0 * outRow + j0, outRow, load);
                if (!finish.none()) {
                    VectorMicroKernels.finish(out, i0 * outRow + j0, outRow, finish, j0);
                }
            } else {
                edge(packedRows, aOff, packedColumns, kc, edgeTile, out, outRow, outCol, i0, j0,
                        Math.min(MR, rows - i0), Math.min(NR, cols - j0), load, finish, transposed);
            }
        }
    }

    /**
     * A tile that is partial or transposed in c: computed in a buffer placed after the packed panel. The
     * epilogue's column is the column of c: j0 + j, or when the product is computed transposed, i0 + r (the
     * strides cannot tell: a c of one column has unit strides either way).
     */
    private static void edge(float[] packedRows, int aOff, float[] packedColumns, int kc, int tile, float[] out,
            int outRow, int outCol, int i0, int j0, int rows, int cols, boolean load, Epilogue finish,
            boolean transposed) {
        if (load) {
            for (int r = 0; r < rows; r++) {
                int src = (i0 + r) * outRow + j0 * outCol;
                for (int j = 0; j < cols; j++) {
                    packedColumns[tile + r * NR + j] = out[src + j * outCol];
                }
            }
        }
        VectorMicroKernels.tile(packedRows, aOff, packedColumns, kc, packedColumns, tile, NR, load);
        for (int r = 0; r < rows; r++) {
            int dst = (i0 + r) * outRow + j0 * outCol;
            if (finish.none()) {
                for (int j = 0; j < cols; j++) {
                    out[dst + j * outCol] = packedColumns[tile + r * NR + j];
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    out[dst + j * outCol] = finish.apply(packedColumns[tile + r * NR + j],
                            transposed ? i0 + r : j0 + j);
                }
            }
        }
    }
}
