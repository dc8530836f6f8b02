/** Subspace measures: SVCCA, projection-weighted CCA and the orthogonal Procrustes distance. */
package org.defrost.similarity.cca;
