/**
 * Task pairs: a data-rich source task and a data-poor target task with a known relation, as produced by
 * the first stage of every pipeline ({@link org.defrost.tasks.chmm} draws them from the correlated hidden
 * manifold model, {@link org.defrost.tasks.data} builds them from labelled datasets).
 *
 * <h2>On disk</h2>
 * A task-pair directory, written by {@link org.defrost.tasks.TaskPairWriter} and read by
 * {@link org.defrost.tasks.TaskPair#read}:
 * <pre>
 * task-pair.json                  manifest: format, generator, seed, parameters, relation, input shape,
 *                                 classes of each task, and shape/dtype/meaning of every file below
 * source/train_x.npy  train_y.npy source training set     float32 (n, N) / int32 (n)
 * source/test_x.npy   test_y.npy  source test set
 * target/pool_x.npy   pool_y.npy  target pool: the target training set of size n is its first n rows
 * target/test_x.npy   test_y.npy  target test set
 * probes/target_x.npy target_y.npy                 target-like probe inputs (target labels)
 * probes/source_x.npy source_y.npy                 source-like probe inputs (source labels)
 * probes/paired_source_x.npy paired_source_y.npy   paired probes, source view and source labels
 * probes/paired_target_x.npy paired_target_y.npy   the same examples, target view and target labels
 * chmm/..., standardisation/..., input_change/..., dataset_rows/...   generator-specific records
 * </pre>
 * Inputs are always stored flattened, one example per row ({@code inputShape} in the manifest gives the
 * original shape, {@code [C, H, W]} for images, channel fastest in a row; older manifests give grey-scale images
 * as {@code [H, W]}); labels are class indices {@code 0..K-1} of the set's own task (a binary task has K = 2
 * and labels 0/1). The paired probes are optional (present when examples can be paired); everything else
 * is always there, except in a <em>target-only</em> pair (generator {@code labelled-data}: a practitioner's own
 * labelled data, whose source network is given rather than trained), which has no source task in its manifest
 * and no source sets or source probes. The manifest is written last, so a directory without it is unfinished.
 *
 * <h2>Validation rows</h2>
 * Early stopping uses rows chosen by position, and no separate validation file exists. A target network of
 * size n trains on the first n rows of the target pool and early-stops on rows from the end of the pool
 * ({@link org.defrost.tasks.TargetSplit}; optionally on rows of the n themselves); the source network
 * early-stops on rows of the source training set ({@link org.defrost.tasks.ValidationSplit}). Both are
 * nested in n.
 */
package org.defrost.tasks;
