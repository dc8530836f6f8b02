/** Throughput of the float32 products ({@link org.defrost.kernels.bench.GemmBenchmark}), run by {@code defrost bench gemm}. */
package org.defrost.kernels.bench;
