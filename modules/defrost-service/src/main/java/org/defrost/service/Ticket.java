package org.defrost.service;

import java.nio.file.Path;

/**
 * A pipeline file the service has taken from its inbox.
 *
 * @param originalName the name it was dropped under
 * @param file         where it waits while queued or running: {@code .running/<name>}
 */
public record Ticket(String originalName, Path file) {

    /** The unique name it keeps in {@code .running/}, {@code processed/} and {@code failed/}: a time stamp, then the original name. */
    public String name() {
        return file.getFileName().toString();
    }
}
