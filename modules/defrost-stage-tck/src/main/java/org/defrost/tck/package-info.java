/**
 * The stage test kit. A stage's tests extend {@link org.defrost.tck.StageContractKit}, supply the stage, a
 * small valid configuration, examples of invalid parameters and the stage's input artifacts, and inherit
 * the checks every stage must pass: a complete parameter declaration, clear refusal of invalid parameters,
 * outputs that round-trip through the artifact store, determinism under a seed, honoured cancellation and
 * fixed metric names. The checks run the real engine (pipeline parser, runner, artifact store), so they
 * test what users get.
 */
package org.defrost.tck;
