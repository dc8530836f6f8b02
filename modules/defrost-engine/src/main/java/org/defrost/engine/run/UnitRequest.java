package org.defrost.engine.run;

/**
 * The message sent to the units route.
 *
 * @param session  the run the units belong to
 * @param batch    the units and their result slots
 * @param deadline the cancellation of the invocation that sent them
 */
record UnitRequest(RunSession session, UnitBatch batch, Deadline deadline) {
}
