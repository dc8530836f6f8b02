package org.defrost.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.defrost.engine.pipeline.PathPolicy;
import picocli.CommandLine.Option;

/** Where path parameters of pipeline files may point. */
final class DataRootOptions {
    @Option(names = "--data-root", paramLabel = "DIR",
            description = "Allow pipeline paths (datasets) under DIR; repeatable. The current directory and the "
                    + "pipeline file's directory are always allowed.")
    List<Path> roots = new ArrayList<>();

    /** The policy for a pipeline file: the given roots, the current directory and the file's directory. */
    PathPolicy policyFor(Path pipelineFile) {
        List<Path> all = new ArrayList<>(roots);
        all.add(Path.of(""));
        all.add(pipelineFile.toAbsolutePath().getParent());
        return new PathPolicy(all);
    }
}
