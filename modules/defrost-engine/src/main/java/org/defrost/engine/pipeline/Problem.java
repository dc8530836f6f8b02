package org.defrost.engine.pipeline;

import java.nio.file.Path;
import org.defrost.engine.yaml.Location;

/**
 * One thing wrong with a pipeline file.
 *
 * @param file     the pipeline file
 * @param location where in it
 * @param field    path of the offending field, e.g. {@code stages[2].with.maxEpochs}
 * @param message  what is wrong and, where possible, what would be right
 */
public record Problem(Path file, Location location, String field, String message) {

    /** {@code file:line:column: field: message}, the form editors and terminals link to. */
    @Override
    public String toString() {
        return file + ":" + location.line() + ":" + location.column() + ": "
                + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
