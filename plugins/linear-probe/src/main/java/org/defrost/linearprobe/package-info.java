/**
 * The {@code linear-probe} stage, an example stage plugin: for each layer of the source network S (the input
 * layer included) it trains a linear readout on the frozen features of that layer for the target task and
 * measures its target test error, giving the layer-wise linear separability profile. Where the profile stops
 * improving with depth is a cheap first guess of where transfer stops helping.
 */
package org.defrost.linearprobe;
