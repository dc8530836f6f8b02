package org.defrost.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The plugins directory option shared by every command that resolves stage types. */
final class PluginOptions {
    /** System property the {@code ./defrost} launcher sets to its own directory. */
    static final String HOME_PROPERTY = "defrost.home";

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Directory of stage plugins: jars, or directories of classes and jars (default: "
                    + "$DEFROST_PLUGINS, else plugins/ in the current directory and plugins/ beside the defrost "
                    + "launcher).")
    Path plugins;

    /** The directories to load plugins from, in order: the option, else the environment, else the defaults. */
    List<Path> directories() {
        if (plugins != null) {
            return List.of(plugins);
        }
        String env = System.getenv("DEFROST_PLUGINS");
        if (env != null && !env.isBlank()) {
            return List.of(Path.of(env));
        }
        List<Path> dirs = new ArrayList<>(List.of(Path.of("plugins")));
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            dirs.add(Path.of(home, "plugins"));
        }
        return dirs;
    }
}
