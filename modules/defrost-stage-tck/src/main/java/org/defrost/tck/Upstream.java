package org.defrost.tck;

import java.util.Map;
import java.util.Objects;
import org.defrost.spi.Stage;

/**
 * A stage that runs before the stage under test in the kit's pipelines, to produce its inputs.
 *
 * @param id         the stage's id in the pipeline
 * @param stage      the stage
 * @param parameters its parameters under {@code with:} (keep them small: the kit runs them)
 */
public record Upstream(String id, Stage stage, Map<String, ?> parameters) {

    public Upstream {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stage, "stage");
        parameters = Map.copyOf(parameters);
    }

    /** The stage under its own type name as id. */
    public static Upstream of(Stage stage, Map<String, ?> parameters) {
        return new Upstream(stage.descriptor().type(), stage, parameters);
    }
}
