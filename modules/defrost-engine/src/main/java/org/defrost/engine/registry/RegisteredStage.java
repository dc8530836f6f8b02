package org.defrost.engine.registry;

import org.defrost.spi.Stage;
import org.defrost.spi.StageDescriptor;

/**
 * A stage with where it came from and its descriptor, asked for once when the stage is registered.
 *
 * @param stage      the stage instance
 * @param origin     {@code built-in} or the plugin file it was loaded from
 * @param descriptor {@code stage.descriptor()}
 */
public record RegisteredStage(Stage stage, String origin, StageDescriptor descriptor) {

    /** Registers {@code stage}, asking it for its descriptor. */
    public RegisteredStage(Stage stage, String origin) {
        this(stage, origin, stage.descriptor());
    }

    public String type() {
        return descriptor.type();
    }
}
