package org.defrost.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;

/** Writes seeded random numbers; reports nothing and has no work units. */
final class MakeNumbersStage implements Stage {
    @Override
    public StageDescriptor descriptor() {
        return new StageDescriptor("make-numbers", "1", "Writes seeded uniform random numbers.",
                List.of(ParameterSpec.integer("count", 10, "How many numbers.").withRange(1, 1_000_000)),
                List.of(), List.of("numbers"), StageScope.EACH_SEED);
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        SplittableRandom rng = ctx.seed().derive("values").generator();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < ctx.parameters().getInt("count"); i++) {
            values.add(rng.nextDouble());
        }
        NumberFiles.write(ctx.output("numbers").directory().resolve(NumberFiles.FILE), values);
        ctx.output("numbers").putMetadata("count", values.size());
    }
}
