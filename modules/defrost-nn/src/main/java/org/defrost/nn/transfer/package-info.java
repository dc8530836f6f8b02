/**
 * Transfer operations: {@link org.defrost.nn.transfer.Transfer} builds the target network of a run at
 * transfer depth ℓ (copy and freeze layers 1..ℓ, start the layers above from the source or fresh, always a
 * fresh readout). Freezing, copying and re-initialising single layers are methods of
 * {@link org.defrost.nn.Network}.
 */
package org.defrost.nn.transfer;
