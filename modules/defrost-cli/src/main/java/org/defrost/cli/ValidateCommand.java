package org.defrost.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.defrost.engine.pipeline.InvalidPipelineException;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.yaml.YamlReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code defrost validate FILE...}: checks pipeline files without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks pipeline files and reports every problem with its file, line, column and field.",
        footer = {"", "Exit codes: 0 all files valid, 2 problems found."})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Pipeline files (YAML).")
    List<Path> files;

    @CommandLine.Mixin
    PluginOptions plugins;

    @CommandLine.Mixin
    DataRootOptions dataRoots;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        var registry = Stages.registry(plugins, err);
        int bad = 0;
        for (Path file : files) {
            try {
                Pipeline p = new PipelineParser(registry, new YamlReader(), dataRoots.policyFor(file)).parse(file);
                out.printf("%s: valid (pipeline '%s', %d stages, %d matrix cells, %d seeds)%n", file, p.name(),
                        p.stages().size(), p.matrixCells().size(), p.seeds());
            } catch (InvalidPipelineException e) {
                bad++;
                e.problems().forEach(err::println);
            }
        }
        return bad == 0 ? 0 : DefrostCommand.INVALID_INPUT;
    }
}
