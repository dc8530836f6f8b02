/**
 * Network files: {@link org.defrost.nn.io.NetworkIo} writes {@code network.json} (architecture, frozen flags,
 * provenance) and one float32 {@code .npy} per weight and bias tensor, loadable with numpy.
 */
package org.defrost.nn.io;
