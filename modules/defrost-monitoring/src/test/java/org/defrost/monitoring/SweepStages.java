package org.defrost.monitoring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.defrost.engine.pipeline.InvalidPipelineException;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.spi.Artifact;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.defrost.spi.UnitContext;
import org.defrost.spi.WorkUnit;

/**
 * A small sweep for monitoring tests: {@code make-data} writes a file, {@code train-sweep} fans out one
 * work unit per (matrix cell, unit index) that publishes training-like metrics, {@code summarize} joins
 * them. Units can be told to fail (after reporting a divergence) or to wait on a latch.
 */
final class SweepStages {
    /** Names of the units that report a divergence and then fail. */
    static final Set<String> FAIL_UNITS = ConcurrentHashMap.newKeySet();
    /** The unit that waits on {@link #release} after publishing its metrics, if any. */
    static volatile String holdUnit;
    /** Counted down by the held unit once it waits. */
    static volatile CountDownLatch holding = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(0);

    static final String PIPELINE_YAML = """
            pipeline: sweep-under-watch
            seed: 3
            matrix:
              depth: [1, 2]
            stages:
              - id: data
                uses: make-data
              - id: train
                uses: train-sweep
                with: { units: 3, depth: "${matrix.depth}" }
              - id: summary
                uses: summarize
            """;

    private SweepStages() {
    }

    static StageRegistry registry() {
        return StageRegistry.builder().add(new MakeData(), "test").add(new TrainSweep(), "test")
                .add(new Summarize(), "test").build();
    }

    static void reset() {
        FAIL_UNITS.clear();
        holdUnit = null;
        holding = new CountDownLatch(1);
        release = new CountDownLatch(0);
    }

    /** The sweep, parsed. */
    static Pipeline pipeline() {
        return pipeline("sweep-under-watch");
    }

    /** The sweep under another pipeline name. */
    static Pipeline pipeline(String name) {
        try {
            return new PipelineParser(registry()).parse(Path.of(name + ".yaml"),
                    PIPELINE_YAML.replace("pipeline: sweep-under-watch", "pipeline: " + name));
        } catch (InvalidPipelineException e) {
            throw new IllegalStateException(e.problems().toString(), e);
        }
    }

    /** The name of unit {@code index} of the cell with transfer depth {@code depth}. */
    static String unitName(int depth, int index) {
        return "depth" + depth + "-unit" + index;
    }

    static final class MakeData implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("make-data", "1", "Writes a tiny data set.", List.of(), List.of(),
                    List.of("data"), StageScope.WHOLE_PIPELINE);
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            Files.writeString(ctx.output("data").directory().resolve("data.txt"), "1 2 3\n");
        }
    }

    static final class TrainSweep implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("train-sweep", "1", "Trains one fake model per work unit.",
                    List.of(ParameterSpec.integer("units", 3, "Units per cell.").withRange(1, 100),
                            ParameterSpec.integer("depth", 1, "Transfer depth.").withRange(0, 10)),
                    List.of("data"), List.of("models"), StageScope.EACH_MATRIX_CELL);
        }

        @Override
        public List<String> counters() {
            return List.of("samples_total", "diverged_total");
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            int depth = ctx.parameters().getInt("depth");
            String data = ctx.input("data").key();
            List<WorkUnit> units = new ArrayList<>();
            for (int i = 0; i < ctx.parameters().getInt("units"); i++) {
                units.add(new WorkUnit(unitName(depth, i), Map.of("depth", depth, "index", i), List.of(data), "model", i));
            }
            StringBuilder out = new StringBuilder();
            for (Artifact a : ctx.fanOut(units)) {
                out.append(Files.readString(a.file("model.txt")));
            }
            Files.writeString(ctx.output("models").directory().resolve("models.txt"), out);
        }

        @Override
        public void runUnit(UnitContext ctx) throws Exception {
            String name = ctx.unit().name();
            int index = (Integer) ctx.unit().parameters().get("index");
            ctx.metrics().set("training_loss", 0.5 / (index + 1));
            ctx.metrics().set("validation_error_ratio", 0.25 / (index + 1));
            ctx.metrics().set("samples_per_second", 1000.0 + index);
            ctx.metrics().count("samples_total", 640);
            ctx.metrics().time("epoch", Duration.ofMillis(20));
            if (FAIL_UNITS.contains(name)) {
                ctx.metrics().count("diverged_total", 1);
                throw new IllegalStateException("loss diverged in " + name);
            }
            if (name.equals(holdUnit)) {
                holding.countDown();
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(name + " was never released");
                }
            }
            Files.writeString(ctx.output().directory().resolve("model.txt"), name + "\n");
        }
    }

    static final class Summarize implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("summarize", "1", "Joins every cell's models.", List.of(), List.of("models"),
                    List.of("summary"), StageScope.WHOLE_PIPELINE);
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            StringBuilder all = new StringBuilder();
            for (Artifact a : ctx.inputs("models")) {
                all.append(Files.readString(a.file("models.txt")));
            }
            Files.writeString(ctx.output("summary").directory().resolve("summary.txt"), all);
        }
    }
}
