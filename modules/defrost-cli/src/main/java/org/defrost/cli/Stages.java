package org.defrost.cli;

import java.io.PrintWriter;
import org.defrost.engine.plugins.PluginLoader;
import org.defrost.engine.registry.StageRegistry;

/** Builds the stage registry the commands use and reports stages or plugins that failed to load. */
final class Stages {
    private Stages() {
    }

    static StageRegistry registry(PluginOptions plugins, PrintWriter err) {
        StageRegistry registry = PluginLoader.registry(plugins.directories());
        for (String problem : registry.problems()) {
            err.println("defrost: warning: " + problem);
        }
        return registry;
    }
}
