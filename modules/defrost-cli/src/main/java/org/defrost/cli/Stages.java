package org.defrost.cli;

import java.io.PrintWriter;
import org.defrost.engine.registry.StageRegistry;

/** Builds the stage registry the commands use and reports stages that failed to load. */
final class Stages {
    private Stages() {
    }

    static StageRegistry registry(PrintWriter err) {
        StageRegistry registry = StageRegistry.builtIn();
        for (String problem : registry.problems()) {
            err.println("defrost: warning: " + problem);
        }
        return registry;
    }
}
