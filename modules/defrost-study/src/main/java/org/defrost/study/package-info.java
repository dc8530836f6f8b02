/**
 * The transfer study (method §4–§5) as pipeline stages: {@code pretrain} trains the source network S,
 * {@code incremental-defrosting} plans the transferred starting networks for every depth ℓ and
 * initialisation of the unfrozen layers, and {@code fine-tune} trains every cell of the sweep as a work
 * unit and summarises the optimal transfer depth ℓ* with error bars over seeds.
 */
package org.defrost.study;
