/**
 * Dense kernels behind the measures: a cache-blocked, vectorised, two-threaded product engine for
 * cross-products and Gram matrices, squared distances by the Gram trick, and quickselect.
 */
package org.defrost.similarity.linalg;
