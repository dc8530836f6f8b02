/**
 * Dense helpers behind the measures that are not products (those are {@code org.defrost.kernels.DoubleProducts}):
 * squared distances by the Gram trick, and quickselect.
 */
package org.defrost.similarity.linalg;
