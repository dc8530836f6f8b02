/**
 * Neighbour-based measures (information imbalance, neighbourhood and label overlap, TwoNN intrinsic
 * dimension) over shared per-subset neighbour tables.
 */
package org.defrost.similarity.knn;
