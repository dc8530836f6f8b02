package org.defrost.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The plugins directory option shared by every command that resolves stage types. */
final class PluginOptions {
    @Option(names = "--plugins", paramLabel = "DIR", defaultValue = "${env:DEFROST_PLUGINS:-plugins}",
            description = "Directory of stage plugins: jars, or directories of classes and jars "
                    + "(default: $DEFROST_PLUGINS or ./plugins).")
    Path plugins;
}
