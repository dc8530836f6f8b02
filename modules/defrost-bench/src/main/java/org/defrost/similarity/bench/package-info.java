/**
 * A rerunnable benchmark of the measures on the sizes of the performance goal, to compare with numpy
 * ({@link org.defrost.similarity.bench.SimilarityBenchmark}), run by {@code defrost bench similarity}.
 */
package org.defrost.similarity.bench;
