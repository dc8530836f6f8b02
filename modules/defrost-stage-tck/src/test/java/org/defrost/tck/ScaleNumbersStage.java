package org.defrost.tck;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.spi.Artifact;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.defrost.spi.UnitContext;
import org.defrost.spi.WorkUnit;

/**
 * Scales every seed's numbers in chunks, one work unit per chunk, and joins them; a well-behaved stage that
 * reports progress and a metric, fans out, polls cancellation, and records its run time in a file of its own
 * and in its metadata.
 */
final class ScaleNumbersStage implements Stage {
    @Override
    public List<String> counters() {
        return List.of("chunks_total");
    }

    @Override
    public StageDescriptor descriptor() {
        return new StageDescriptor("scale-numbers", "1", "Multiplies numbers by a factor, chunk by chunk.",
                List.of(ParameterSpec.number("factor", 2.0, "The multiplier.").withRange(-1e6, 1e6),
                        ParameterSpec.integer("chunks", 2, "Work units per seed.").withRange(1, 64),
                        ParameterSpec.choice("rounding", "none", List.of("none", "integer"), "How results are rounded."),
                        ParameterSpec.integer("spinsPerValue", 0, "Busy iterations per value, each polling cancellation.")
                                .withRange(0, 1e15)),
                List.of("numbers"), List.of("scaled-numbers"), StageScope.EACH_MATRIX_CELL);
    }

    @Override
    public List<ParameterProblem> validate(Parameters p) {
        double factor = p.getDouble("factor");
        return p.getString("rounding").equals("integer") && factor != Math.rint(factor)
                ? List.of(new ParameterProblem("factor", "rounding: integer needs a whole factor, not " + factor))
                : List.of();
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        long start = System.nanoTime();
        int chunks = ctx.parameters().getInt("chunks");
        List<WorkUnit> units = new ArrayList<>();
        for (Artifact numbers : ctx.inputs("numbers")) {
            for (int c = 0; c < chunks; c++) {
                Map<String, Object> p = new LinkedHashMap<>(ctx.parameters().asMap());
                p.put("chunk", c);
                units.add(new WorkUnit("seed" + numbers.seedIndex() + "/chunk" + c, p, List.of(numbers.key()),
                        "scaled-chunk", ctx.seed().derive(numbers.seedIndex()).derive(c).value()));
            }
        }
        ctx.progress().status(units.size() + " chunks");
        List<Double> all = new ArrayList<>();
        for (Artifact chunk : ctx.fanOut(units)) {
            all.addAll(NumberFiles.read(chunk.file(NumberFiles.FILE)));
        }
        NumberFiles.write(ctx.output("scaled-numbers").directory().resolve(NumberFiles.FILE), all);
        Files.writeString(ctx.output("scaled-numbers").directory().resolve("timing.txt"),
                "nanoseconds," + (System.nanoTime() - start) + "\n");
        ctx.output("scaled-numbers").putMetadata("nanoseconds", System.nanoTime() - start);
        ctx.output("scaled-numbers").putMetadata("count", all.size());
    }

    @Override
    public void runUnit(UnitContext ctx) throws Exception {
        Parameters p = new Parameters(ctx.unit().parameters());
        List<Double> values = NumberFiles.read(ctx.input("numbers").file(NumberFiles.FILE));
        int chunks = p.getInt("chunks");
        int chunk = p.getInt("chunk");
        List<Double> out = new ArrayList<>();
        long spins = p.getLong("spinsPerValue");
        for (int i = chunk * values.size() / chunks; i < (chunk + 1) * values.size() / chunks; i++) {
            for (long s = 0; s < spins; s++) {
                ctx.cancellation().throwIfCancelled();
            }
            double v = values.get(i) * p.getDouble("factor") + ctx.seed().derive(i).generator().nextDouble() * 1e-3;
            out.add(p.getString("rounding").equals("integer") ? Math.rint(v) : v);
        }
        ctx.metrics().count("chunks_total", 1);
        NumberFiles.write(ctx.output().directory().resolve(NumberFiles.FILE), out);
    }
}
