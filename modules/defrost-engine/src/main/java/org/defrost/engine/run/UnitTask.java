package org.defrost.engine.run;

import java.util.List;
import org.defrost.spi.Stage;

/**
 * A work unit of this process's run: its description and, already at hand, its stage and input artifacts.
 *
 * @param stage       the stage whose {@code runUnit} runs it
 * @param description the unit, self-contained, as a dispatcher may ship it
 * @param inputs      the unit's resolved input artifacts
 */
record UnitTask(Stage stage, UnitDescription description, List<ArtifactView> inputs) {
}
