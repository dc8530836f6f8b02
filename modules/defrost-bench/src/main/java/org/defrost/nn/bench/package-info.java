/**
 * Training throughput benchmark on the reference workloads W1 and W2 ({@link
 * org.defrost.nn.bench.TrainBenchmark}), for comparison with PyTorch on the same CPU.
 */
package org.defrost.nn.bench;
