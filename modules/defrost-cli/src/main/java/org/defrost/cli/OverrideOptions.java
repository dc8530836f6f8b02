package org.defrost.cli;

import java.util.ArrayList;
import java.util.List;
import org.defrost.engine.pipeline.ParameterOverrides;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --set STAGE.PARAM=VALUE}: parameter values that replace those of the pipeline file. */
final class OverrideOptions {
    @Option(names = "--set", paramLabel = "STAGE.PARAM=VALUE",
            description = "Give parameter PARAM of the stage with id STAGE this value, as if written under its with: "
                    + "(VALUE is YAML, e.g. 50, 1e-3 or [60,300]); checked like the file. Repeatable.")
    List<String> values = new ArrayList<>();

    /** The parsed overrides; a malformed one is an invalid argument. */
    ParameterOverrides parse(CommandLine commandLine) {
        return Arguments.checked(commandLine, "", () -> ParameterOverrides.parse(values));
    }
}
