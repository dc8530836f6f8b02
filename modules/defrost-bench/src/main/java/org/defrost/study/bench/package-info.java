/**
 * Benchmarks of the fast mode against the full sweep on CHMM task families: {@code defrost bench fast-mode}
 * ({@link org.defrost.study.bench.FastModeBenchmark}: agreement of the predicted ℓ* within one layer and the
 * compute ratio) and {@code defrost bench source-selection} ({@link org.defrost.study.bench.SourceSelectionBenchmark}:
 * Spearman correlation of the predicted and true rankings of candidate sources). See docs/fast-mode.md.
 */
package org.defrost.study.bench;
