/**
 * Scalar special functions the standard library lacks: {@link org.defrost.nn.math.Erf} (the error
 * function, used by the {@code erf(z/sqrt(2))} activation).
 */
package org.defrost.nn.math;
