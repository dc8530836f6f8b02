package org.defrost.engine;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.npy.Npy;
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

/** Small stages for engine tests: they count their executions and can be told to fail or to wait. */
final class TestStages {
    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    /** Unit names that fail when run. */
    static final Set<String> FAIL_UNITS = ConcurrentHashMap.newKeySet();
    /** When set, the unit named {@link #stopAtUnit} stops this run, as Ctrl-C would, and then polls its cancellation. */
    static volatile org.defrost.engine.run.RunControl stopRun;
    static volatile String stopAtUnit;
    /** When set, each emit invocation waits here, proving that invocations run at the same time. */
    static volatile CountDownLatch emitBarrier;

    private TestStages() {
    }

    static StageRegistry registry() {
        return StageRegistry.builder().add(new Emit(), "test").add(new SumUnits(), "test").add(new Collect(), "test").build();
    }

    static int runs(String what) {
        return RUNS.computeIfAbsent(what, k -> new AtomicInteger()).get();
    }

    static void reset() {
        RUNS.clear();
        FAIL_UNITS.clear();
        emitBarrier = null;
        stopRun = null;
        stopAtUnit = null;
    }

    private static void count(String what) {
        RUNS.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Writes {@code count} seeded random numbers times {@code scale}. */
    static final class Emit implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("emit", "1", "Writes seeded random numbers.",
                    List.of(ParameterSpec.integer("count", 4, "How many numbers.").withRange(1, 1000),
                            ParameterSpec.required("scale", org.defrost.spi.ParameterType.NUMBER, "Multiplier."),
                            ParameterSpec.choice("mode", "plain", List.of("plain", "squared"), "Transform."),
                            ParameterSpec.integers("sizes", List.of(1L), "Sizes.").withChoices(List.of("all")),
                            ParameterSpec.path("data", "/nonexistent/default", "A data file.")),
                    List.of(), List.of("numbers"), StageScope.EACH_SEED);
        }

        @Override
        public List<ParameterProblem> validate(Parameters p) {
            return p.getDouble("scale") == 13 ? List.of(new ParameterProblem("scale", "13 is unlucky")) : List.of();
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            count("emit");
            CountDownLatch barrier = emitBarrier;
            if (barrier != null) {
                barrier.countDown();
                if (!barrier.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("invocations did not run in parallel");
                }
            }
            var rng = ctx.seed().derive("values").generator();
            int n = ctx.parameters().getInt("count");
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextDouble() * ctx.parameters().getDouble("scale");
            }
            Npy.write(ctx.output("numbers").directory().resolve("values.npy"), v, n);
            ctx.output("numbers").putMetadata("count", n);
        }
    }

    /** Per matrix cell: one unit per seed sums that seed's numbers. */
    static final class SumUnits implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("sum-units", "1", "Sums each seed's numbers in a work unit.", List.of(),
                    List.of("numbers"), List.of("sums"), StageScope.EACH_MATRIX_CELL);
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            count("sum-units");
            List<WorkUnit> units = new ArrayList<>();
            for (Artifact a : ctx.inputs("numbers")) {
                String name = "sum-" + ctx.matrixCell() + "-" + a.seedIndex();
                units.add(new WorkUnit(name, Map.of("seed", a.seedIndex()), List.of(a.key()), "sum", a.seedIndex()));
            }
            StringBuilder csv = new StringBuilder("seed,sum\n");
            List<Artifact> done = ctx.fanOut(units);
            for (int i = 0; i < done.size(); i++) {
                csv.append(i).append(',').append(Files.readString(done.get(i).file("sum.txt"))).append('\n');
            }
            Files.writeString(ctx.output("sums").directory().resolve("sums.csv"), csv);
        }

        @Override
        public void runUnit(UnitContext ctx) throws Exception {
            count("unit");
            if (FAIL_UNITS.contains(ctx.unit().name())) {
                throw new IllegalStateException("injected failure");
            }
            if (stopRun != null && ctx.unit().name().equals(stopAtUnit)) {
                stopRun.cancel();
                ctx.cancellation().throwIfCancelled();
            }
            double sum = 0;
            for (double d : Npy.read(ctx.input("numbers").file("values.npy")).asDoubles()) {
                sum += d;
            }
            Files.writeString(ctx.output().directory().resolve("sum.txt"), Double.toString(sum));
        }
    }

    /** Once per pipeline: concatenates every cell's sums. */
    static final class Collect implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("collect", "1", "Concatenates all sums.", List.of(), List.of("sums"),
                    List.of("table"), StageScope.WHOLE_PIPELINE);
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            count("collect");
            StringBuilder sb = new StringBuilder();
            for (Artifact a : ctx.inputs("sums")) {
                sb.append("# ").append(a.matrixCell()).append('\n').append(Files.readString(a.file("sums.csv")));
            }
            Files.writeString(ctx.output("table").directory().resolve("all.csv"), sb);
        }
    }
}
