/**
 * NumPy {@code .npy} files (format versions 1.0 to 3.0): {@link org.defrost.npy.Npy} writes C-ordered,
 * little-endian arrays that {@code numpy.load} reads, and reads the dtypes numpy commonly writes.
 */
package org.defrost.npy;
