package org.defrost.engine.run;

import java.util.List;
import org.defrost.spi.WorkUnit;

/**
 * A unit of work on its way through the units route.
 *
 * @param index      position in the fan-out, so results keep the order of the request
 * @param unit       the serialisable unit description
 * @param invocation the stage invocation that fanned it out
 * @param inputs     the unit's resolved input artifacts
 * @param threads    threads the unit may use
 */
record UnitTask(int index, WorkUnit unit, Invocation invocation, List<ArtifactView> inputs, int threads) {
}
