package org.defrost.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --workspace} option of every command that reads or writes a workspace. */
class WorkspaceOption {
    @Option(names = "--workspace", paramLabel = "DIR", defaultValue = "${env:DEFROST_WORKSPACE:-defrost-work}",
            description = "Workspace holding artifacts and run records (default: $DEFROST_WORKSPACE or ./defrost-work).")
    Path workspace;

    /** The directory of the workspace's run records, {@code runs/}. */
    Path runs() {
        return workspace.resolve("runs");
    }
}
