package org.defrost.similarity.linalg;

/** Order statistics by quickselect, in expected linear time. */
public final class Selection {
    private Selection() {
    }

    /**
     * The value that would be at index {@code k} if {@code a[0 .. length)} were sorted ascending.
     *
     * @param a values. Modified: reordered so that everything before index k is ≤ it and everything after is ≥ it.
     */
    public static double select(double[] a, int length, int k) {
        if (k < 0 || k >= length) {
            throw new IllegalArgumentException("rank " + k + " outside 0.." + (length - 1));
        }
        int lo = 0;
        int hi = length - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // Median of three as pivot avoids quadratic time on sorted and reverse-sorted input.
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
