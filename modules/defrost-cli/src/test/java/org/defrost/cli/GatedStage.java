package org.defrost.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.defrost.spi.Artifact;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.defrost.spi.UnitContext;
import org.defrost.spi.WorkUnit;

/**
 * {@code gated-sweep}, a stage for scale-out tests, installed as a plugin: it fans out three units, of which
 * the one named {@code gated} runs until the file named by the {@code gate} parameter exists, so that a test
 * knows which worker is in the middle of it.
 */
public final class GatedStage implements Stage {
    static final String GATED = "gated";

    @Override
    public StageDescriptor descriptor() {
        return new StageDescriptor("gated-sweep", "1", "Fans out three units; one waits for a file.",
                List.of(ParameterSpec.string("gate", "", "File the gated unit waits for.")), List.of(),
                List.of("gated-summary"), StageScope.WHOLE_PIPELINE);
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        List<WorkUnit> units = new ArrayList<>();
        for (String name : List.of("free-1", GATED, "free-2")) {
            units.add(new WorkUnit(name, Map.of("name", name), List.of(), "gated-cell", name.length()));
        }
        StringBuilder all = new StringBuilder();
        for (Artifact a : ctx.fanOut(units)) {
            all.append(Files.readString(a.file("cell.txt")));
        }
        Files.writeString(ctx.output("gated-summary").directory().resolve("summary.txt"), all);
    }

    @Override
    public void runUnit(UnitContext ctx) throws Exception {
        if (ctx.unit().name().equals(GATED)) {
            Path gate = Path.of(ctx.parameters().getString("gate"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(gate)) {
                ctx.cancellation().throwIfCancelled();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the gate " + gate + " never opened");
                }
                Thread.sleep(20);
            }
        }
        Files.writeString(ctx.output().directory().resolve("cell.txt"), ctx.unit().name() + "\n");
    }
}
