package org.defrost.cli;

import java.io.PrintWriter;
import org.defrost.engine.pipeline.Suggestions;
import org.defrost.engine.registry.RegisteredStage;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.StageDescriptor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code defrost stages [--describe NAME]}: lists the stage types, or documents one. */
@Command(name = "stages", mixinStandardHelpOptions = true,
        description = "Lists the available stage types and where each comes from, or describes one in full.")
final class StagesCommand extends Subcommand {
    @Option(names = "--describe", paramLabel = "NAME", description = "Describe this stage type: parameters, inputs, outputs.")
    String describe;

    @CommandLine.Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        StageRegistry registry = Stages.registry(plugins, err);
        if (describe == null) {
            out.printf("%-24s %-8s %-17s %s%n", "TYPE", "VERSION", "SCOPE", "ORIGIN");
            for (RegisteredStage s : registry.all()) {
                StageDescriptor d = s.descriptor();
                out.printf("%-24s %-8s %-17s %s%n", d.type(), d.version(), d.scope().name().toLowerCase().replace('_', '-'),
                        s.origin());
            }
            return 0;
        }
        var found = registry.find(describe);
        if (found.isEmpty()) {
            err.println("defrost: no stage type '" + describe + "'" + Suggestions.hint(describe, registry.types())
                    + " (available: " + String.join(", ", registry.types()) + ")");
            return DefrostCommand.INVALID_INPUT;
        }
        print(out, found.get());
        return 0;
    }

    private static void print(PrintWriter out, RegisteredStage s) {
        StageDescriptor d = s.descriptor();
        out.println(d.type() + " " + d.version() + " (" + s.origin() + ")");
        out.println();
        out.println(d.description());
        out.println();
        out.println("Runs:     " + switch (d.scope()) {
            case EACH_SEED -> "once per matrix cell and seed";
            case EACH_MATRIX_CELL -> "once per matrix cell, over all seeds";
            case WHOLE_PIPELINE -> "once per pipeline, over all matrix cells and seeds";
        });
        out.println("Consumes: " + (d.consumes().isEmpty() ? "nothing" : String.join(", ", d.consumes())));
        if (!d.optionalConsumes().isEmpty()) {
            out.println("Uses if present: " + String.join(", ", d.optionalConsumes()));
        }
        out.println("Produces: " + (d.produces().isEmpty() ? "nothing" : String.join(", ", d.produces())));
        out.println();
        out.println("Parameters (under with:):");
        if (d.parameters().isEmpty()) {
            out.println("  none");
        }
        for (ParameterSpec p : d.parameters()) {
            out.printf("  %s: %s; default %s%n", p.name(), p.typeText(), p.defaultText());
            out.printf("      %s%n", p.description());
        }
    }
}
