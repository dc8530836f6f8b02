/** CHMM generation throughput ({@link org.defrost.tasks.bench.ChmmGenerationBenchmark}), run by {@code defrost bench chmm}. */
package org.defrost.tasks.bench;
