"""numpy side of the similarity benchmark: the computations SimilarityBenchmark times, on the same data.

Usage: /usr/bin/python3 similarity_numpy.py DIR [REPEATS]
where DIR holds the .npy files written by `defrost bench similarity --data DIR`. Each timing starts from the raw
float64 matrices (already in memory) and ends at the value, as on the Java side. numpy uses OpenBLAS with
as many threads as cores; elementwise numpy operations run on one thread.
"""
import ctypes
import glob
import os
import sys
import time

import numpy as np


def linear_cka(a, b):
    a = a - a.mean(axis=0)
    b = b - b.mean(axis=0)
    cross = np.linalg.norm(a.T @ b) ** 2
    return cross / (np.linalg.norm(a.T @ a) * np.linalg.norm(b.T @ b))


def squared_distances(x):
    """Gram-trick squared distances of centred points, self excluded (infinite diagonal)."""
    x = x - x.mean(axis=0)
    g = x @ x.T
    norms = np.diag(g).copy()
    d = norms[:, None] + norms[None, :] - 2 * g
    np.fill_diagonal(d, np.inf)
    return d


def information_imbalance(da, db):
    """k = 1: 2/n times the mean B-rank of each point's nearest A-neighbour."""
    n = len(da)
    nearest = np.argmin(da, axis=1)
    target = db[np.arange(n), nearest]
    ranks = (db < target[:, None]).sum(axis=1) + 1
    return 2 * ranks.mean() / n


def neighbourhood_overlap(da, db, k=30):
    n = len(da)
    na = np.argpartition(da, k, axis=1)[:, :k]
    nb = np.argpartition(db, k, axis=1)[:, :k]
    rows = np.arange(n)[:, None]
    marked = np.zeros((n, n), dtype=bool)
    marked[rows, na] = True
    return marked[rows, nb].sum() / (n * k)


def over_subsets(a, b, subsets, measures):
    """Mean over subsets, each point set's distance matrices computed once for all measures."""
    values = {m.__name__: [] for m in measures}
    for rows in subsets:
        da = squared_distances(a[rows])
        db = squared_distances(b[rows])
        for m in measures:
            values[m.__name__].append(m(da, db))
    return {name: float(np.mean(v)) for name, v in values.items()}


def timed(label, repeats, run):
    run()  # warm-up: page faults, thread pool start
    seconds, cpu_seconds, value = [], [], None
    for _ in range(repeats):
        cpu_start = time.process_time()
        start = time.perf_counter()
        value = run()
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - cpu_start)
    ordered = sorted(seconds)
    runs = ", ".join(f"{s:.3f}" for s in seconds)
    print(f"{label:40s} best {ordered[0]:.3f} s  median {ordered[len(ordered) // 2]:.3f} s  "
          f"cpu best {min(cpu_seconds):.3f} s  value {value}  runs [{runs}]")


def openblas_core():
    for path in glob.glob("/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas*.so*"):
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            return f"{lib.openblas_get_config().decode()} core {lib.openblas_get_corename().decode()}, " \
                   f"{lib.openblas_get_num_threads()} threads"
        except OSError:
            continue
    return "unknown"


def main():
    directory = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    print(f"numpy {np.__version__}, {openblas_core()}, OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')}")
    load = lambda name: np.load(os.path.join(directory, name))
    a, b = load("cka_a.npy"), load("cka_b.npy")
    ka, kb = load("knn_a.npy"), load("knn_b.npy")
    rows, sizes = load("knn_subset_rows.npy"), load("knn_subset_sizes.npy")
    subsets = np.split(rows, np.cumsum(sizes)[:-1])

    timed("linear-cka n=10000 p=q=512", repeats, lambda: linear_cka(a, b))
    timed("information-imbalance k=1 n=5000 p=512", repeats,
          lambda: over_subsets(ka, kb, subsets, [information_imbalance])["information_imbalance"])
    timed("neighborhood-overlap k=30 n=5000 p=512", repeats,
          lambda: over_subsets(ka, kb, subsets, [neighbourhood_overlap])["neighbourhood_overlap"])
    timed("both, sharing distance matrices", repeats,
          lambda: sum(over_subsets(ka, kb, subsets, [information_imbalance, neighbourhood_overlap]).values()))


if __name__ == "__main__":
    main()
