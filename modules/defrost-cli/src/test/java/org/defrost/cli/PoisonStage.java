package org.defrost.cli;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.defrost.spi.Artifact;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.defrost.spi.UnitContext;
import org.defrost.spi.WorkUnit;

/**
 * {@code poison-sweep}, a stage for scale-out tests, installed as a plugin: it fans out three units, of which
 * the one named {@code poisoned} throws on every attempt.
 */
public final class PoisonStage implements Stage {
    static final String POISONED = "poisoned";

    @Override
    public StageDescriptor descriptor() {
        return new StageDescriptor("poison-sweep", "1", "Fans out three units; one always fails.", List.of(), List.of(),
                List.of("poison-summary"), StageScope.WHOLE_PIPELINE);
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        List<WorkUnit> units = new ArrayList<>();
        for (String name : List.of("healthy-1", POISONED, "healthy-2")) {
            units.add(new WorkUnit(name, Map.of("name", name), List.of(), "poison-cell", name.length()));
        }
        StringBuilder all = new StringBuilder();
        for (Artifact a : ctx.fanOut(units)) {
            all.append(Files.readString(a.file("cell.txt")));
        }
        Files.writeString(ctx.output("poison-summary").directory().resolve("summary.txt"), all);
    }

    @Override
    public void runUnit(UnitContext ctx) throws Exception {
        if (ctx.unit().name().equals(POISONED)) {
            throw new IllegalStateException("this cell is poisoned");
        }
        Files.writeString(ctx.output().directory().resolve("cell.txt"), ctx.unit().name() + "\n");
    }
}
