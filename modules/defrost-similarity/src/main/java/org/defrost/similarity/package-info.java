/**
 * Representation similarity measures: a registry ({@link org.defrost.similarity.SimilarityMeasures}) of
 * CKA variants, neighbour-based measures, CCA variants and Procrustes distance, computed on
 * {@link org.defrost.similarity.Representation}s (points × features, centred once), singly or for all
 * pairs of layers of two networks ({@link org.defrost.similarity.LayerwiseSimilarity}).
 */
package org.defrost.similarity;
