package org.defrost.engine.registry;

import org.defrost.spi.Stage;

/**
 * A stage with where it came from.
 *
 * @param stage  the stage instance
 * @param origin {@code built-in} or the plugin file it was loaded from
 */
public record RegisteredStage(Stage stage, String origin) {

    public String type() {
        return stage.descriptor().type();
    }
}
