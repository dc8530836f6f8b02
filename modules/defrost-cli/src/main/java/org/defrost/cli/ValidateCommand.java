package org.defrost.cli;

import java.nio.file.Path;
import java.util.List;
import org.defrost.engine.pipeline.ParameterOverrides;
import org.defrost.engine.pipeline.Pipeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code defrost validate FILE...}: checks pipeline files without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks pipeline files and reports every problem with its file, line, column and field.",
                "Besides the file itself, checks what 'run' checks before it starts: the estimated memory against this "
                        + "JVM's limit (-Xmx, with as many threads as cores), that the input files exist and can be read, "
                        + "and that sizes agree across stages; warns about matrix keys that no stage uses."},
        footer = {"", "Exit codes: 0 all files valid, 2 problems found."})
final class ValidateCommand extends Subcommand {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Pipeline files (YAML).")
    List<Path> files;

    @CommandLine.Mixin
    PluginOptions plugins;

    @CommandLine.Mixin
    DataRootOptions dataRoots;

    @CommandLine.Mixin
    OverrideOptions overrides;

    @Override
    public Integer call() {
        var out = out();
        var err = err();
        var registry = Stages.registry(plugins, err);
        ParameterOverrides parsedOverrides = overrides.parse(spec.commandLine());
        int threads = Runtime.getRuntime().availableProcessors();
        int bad = 0;
        for (Path file : files) {
            CheckedPipeline checked = CheckedPipeline.load(file, registry, dataRoots.policyFor(file), parsedOverrides, threads, err);
            if (checked == null) {
                bad++;
                continue;
            }
            Pipeline p = checked.pipeline();
            out.printf("%s: valid (pipeline '%s', %d stages, %d matrix cells, %d seeds; estimated peak memory %s with %d "
                    + "threads)%n", file, p.name(), p.stages().size(), p.matrixCells().size(), p.seeds(),
                    checked.report().memory().describe(), threads);
        }
        return bad == 0 ? 0 : DefrostCommand.INVALID_INPUT;
    }
}
