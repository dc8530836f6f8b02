/**
 * The fast mode: {@code depth-prediction} predicts the optimal transfer depth ℓ* and its initialisation for a
 * fraction of the full sweep's compute, from linear probes of each layer of the source network on the target
 * rows ({@link org.defrost.study.fast.RidgeProbe}), the similarity of each layer to the target labels
 * ({@link org.defrost.study.fast.LayerScores}) and short fine-tunes of every depth and initialisation under
 * successive halving ({@link org.defrost.study.fast.SuccessiveHalving}); with several candidate sources for one
 * target it ranks them ({@link org.defrost.study.fast.SourceRanking}). See docs/fast-mode.md.
 */
package org.defrost.study.fast;
