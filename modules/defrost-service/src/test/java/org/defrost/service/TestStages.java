package org.defrost.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.spi.Artifact;
import org.defrost.spi.Cancellation;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.ParameterType;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.defrost.spi.UnitContext;
import org.defrost.spi.WorkUnit;

/**
 * Small stages for service tests: {@code numbers} writes seeded numbers (and declares a memory need),
 * {@code sweep} fans out slow work units over them, {@code flaky} fails in chosen ways, {@code gate} records
 * how many invocations run at once.
 */
final class TestStages {
    /** Invocations counted by stage type and by unit, in this JVM. */
    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    static final AtomicInteger GATE_ACTIVE = new AtomicInteger();
    static final AtomicInteger GATE_MAX = new AtomicInteger();

    private TestStages() {
    }

    static StageRegistry registry() {
        return StageRegistry.builder().add(new Numbers(), "test").add(new Sweep(), "test").add(new Flaky(), "test")
                .add(new Gate(), "test").build();
    }

    static void reset() {
        RUNS.clear();
        GATE_ACTIVE.set(0);
        GATE_MAX.set(0);
    }

    static int runs(String what) {
        return RUNS.computeIfAbsent(what, k -> new AtomicInteger()).get();
    }

    private static void count(String what) {
        RUNS.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Sleeps {@code millis}, polling {@code cancellation} every few milliseconds like a training loop. */
    static void work(long millis, Cancellation cancellation) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            cancellation.throwIfCancelled();
            Thread.sleep(Math.min(5, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
        cancellation.throwIfCancelled();
    }

    /** Per seed: {@code count} seeded numbers times {@code scale}; needs {@code mb} MiB. */
    static final class Numbers implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("numbers", "1", "Writes seeded numbers.",
                    List.of(ParameterSpec.integer("count", 4, "How many numbers.").withRange(1, 1000),
                            ParameterSpec.number("scale", 1, "Multiplier."),
                            ParameterSpec.integer("mb", 0, "Memory the stage needs, in MiB.").withRange(0, 1L << 40),
                            ParameterSpec.path("data", "", "A file that must exist.")),
                    List.of(), List.of("numbers"), StageScope.EACH_SEED);
        }

        @Override
        public long estimatedMemoryBytes(Parameters p) {
            return p.getLong("mb") << 20;
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            count("numbers");
            String data = ctx.parameters().getString("data");
            if (!data.isEmpty() && !Files.isRegularFile(Path.of(data))) {
                throw new IOException("no data file " + data);
            }
            var rng = ctx.seed().derive("values").generator();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < ctx.parameters().getInt("count"); i++) {
                sb.append(rng.nextDouble() * ctx.parameters().getDouble("scale")).append('\n');
            }
            Files.writeString(ctx.output("numbers").directory().resolve("values.txt"), sb);
        }
    }

    /** Per matrix cell: one unit of {@code unitMillis} per seed and unit index, then a table of their values. */
    static final class Sweep implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("sweep", "1", "Fans out slow units.",
                    List.of(ParameterSpec.integer("units", 4, "Units per seed.").withRange(1, 1000),
                            ParameterSpec.integer("unitMillis", 0, "How long each unit works.").withRange(0, 60_000),
                            ParameterSpec.number("k", 1, "Multiplier.")),
                    List.of("numbers"), List.of("results"), StageScope.EACH_MATRIX_CELL);
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            count("sweep");
            List<WorkUnit> units = new ArrayList<>();
            for (Artifact numbers : ctx.inputs("numbers")) {
                for (int i = 0; i < ctx.parameters().getInt("units"); i++) {
                    units.add(new WorkUnit("seed" + numbers.seedIndex() + "/u" + i,
                            Map.of("i", i, "k", ctx.parameters().getDouble("k"), "millis", ctx.parameters().getLong("unitMillis")),
                            List.of(numbers.key()), "cell", ctx.seedFor(Math.max(0, numbers.seedIndex())).derive(i).value()));
                }
            }
            StringBuilder table = new StringBuilder("unit,value\n");
            List<Artifact> done = ctx.fanOut(units);
            for (int i = 0; i < done.size(); i++) {
                table.append(units.get(i).name()).append(',').append(Files.readString(done.get(i).file("value.txt"))).append('\n');
            }
            Files.writeString(ctx.output("results").directory().resolve("results.csv"), table);
        }

        @Override
        public void runUnit(UnitContext ctx) throws Exception {
            count("unit");
            work(((Number) ctx.unit().parameters().get("millis")).longValue(), ctx.cancellation());
            double sum = 0;
            for (String line : Files.readAllLines(ctx.input("numbers").file("values.txt"))) {
                sum += Double.parseDouble(line);
            }
            double value = sum * ((Number) ctx.unit().parameters().get("k")).doubleValue()
                    + ctx.seed().generator().nextDouble();
            Files.writeString(ctx.output().directory().resolve("value.txt"), Double.toString(value));
        }
    }

    /** Per seed: succeeds, throws, writes part of a file then fails, works {@code millis}, or breaks the store. */
    static final class Flaky implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("flaky", "1", "Fails on request.",
                    List.of(ParameterSpec.choice("mode", "ok", List.of("ok", "throw", "partial", "slow", "error", "break-store"),
                                    "How to fail."),
                            ParameterSpec.integer("millis", 0, "How long to work.").withRange(0, 600_000),
                            ParameterSpec.required("tag", ParameterType.STRING, "Distinguishes otherwise equal files.")),
                    List.of(), List.of("flaky"), StageScope.EACH_SEED);
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            count("flaky");
            Path out = ctx.output("flaky").directory();
            switch (ctx.parameters().getString("mode")) {
                case "throw" -> throw new IllegalStateException("injected failure");
                case "partial" -> {
                    Files.write(out.resolve("half.bin"), new byte[4096]);
                    throw new IOException("No space left on device (simulated)");
                }
                case "slow" -> work(ctx.parameters().getLong("millis"), ctx.cancellation());
                case "error" -> throw new AssertionError("an invariant broke");
                case "break-store" -> {
                    // The workspace is two levels above the pending directory (tmp/<kind>-<uuid>).
                    Path artifacts = out.getParent().getParent().resolve("artifacts");
                    synchronized (Flaky.class) {
                        if (Files.isDirectory(artifacts)) {
                            Files.move(artifacts, artifacts.resolveSibling("artifacts.aside"));
                            Files.writeString(artifacts, "not a directory");
                        }
                    }
                }
                default -> {
                }
            }
            Files.writeString(out.resolve("done.txt"), ctx.parameters().getString("tag"), StandardCharsets.UTF_8);
        }
    }

    /** Per seed: waits for {@code meet} gates, holds {@code millis}, and records how many gate invocations run at once in this JVM. */
    static final class Gate implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("gate", "1", "Records overlap.",
                    List.of(ParameterSpec.integer("millis", 300, "How long to hold.").withRange(0, 60_000),
                            ParameterSpec.integer("meet", 1, "Waits (at most 10 s) until this many gates hold at once.")
                                    .withRange(1, 10),
                            ParameterSpec.required("tag", ParameterType.STRING, "Distinguishes otherwise equal files.")),
                    List.of(), List.of("gate"), StageScope.EACH_SEED);
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            int now = GATE_ACTIVE.incrementAndGet();
            GATE_MAX.accumulateAndGet(now, Math::max);
            try {
                long giveUp = System.nanoTime() + 10_000_000_000L;
                while (GATE_ACTIVE.get() < ctx.parameters().getInt("meet") && System.nanoTime() < giveUp) {
                    work(5, ctx.cancellation());
                }
                GATE_MAX.accumulateAndGet(GATE_ACTIVE.get(), Math::max);
                work(ctx.parameters().getLong("millis"), ctx.cancellation());
            } finally {
                GATE_ACTIVE.decrementAndGet();
            }
            Files.writeString(ctx.output("gate").directory().resolve("tag.txt"), ctx.parameters().getString("tag"));
        }
    }
}
