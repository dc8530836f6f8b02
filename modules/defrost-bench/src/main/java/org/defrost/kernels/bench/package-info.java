/** Throughput benchmark of the float32 products ({@link org.defrost.kernels.bench.GemmBenchmark}). */
package org.defrost.kernels.bench;
