package org.defrost.distributed;

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
import org.defrost.spi.Artifact;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.defrost.spi.UnitContext;
import org.defrost.spi.WorkUnit;

/**
 * A small sweep for broker tests: {@code base} writes a number, {@code squares} fans out one unit per index
 * that writes {@code (base + index)²} and joins them. Units named in {@link #FAIL_UNITS} always throw; a unit
 * named {@link #holdUnit} waits for {@link #release}.
 */
final class SquareStages {
    static final Set<String> FAIL_UNITS = ConcurrentHashMap.newKeySet();
    static final AtomicInteger UNITS_RUN = new AtomicInteger();
    static volatile String holdUnit;
    static volatile CountDownLatch holding = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(0);

    static final String PIPELINE = """
            pipeline: squares
            seed: 5
            matrix:
              base: [1, 10]
            stages:
              - id: base
                uses: base
                with: { base: "${matrix.base}" }
              - id: squares
                uses: squares
                with: { units: %d }
            """;

    private SquareStages() {
    }

    static StageRegistry registry() {
        return StageRegistry.builder().add(new Base(), "test").add(new Squares(), "test").build();
    }

    static void reset() {
        FAIL_UNITS.clear();
        UNITS_RUN.set(0);
        holdUnit = null;
        holding = new CountDownLatch(1);
        release = new CountDownLatch(0);
    }

    static final class Base implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("base", "1", "Writes a number.",
                    List.of(ParameterSpec.integer("base", 0, "The number.").withRange(0, 1000)), List.of(), List.of("base"),
                    StageScope.EACH_MATRIX_CELL);
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            Files.writeString(ctx.output("base").directory().resolve("base.txt"), ctx.parameters().get("base").toString());
        }
    }

    static final class Squares implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("squares", "1", "Squares base + i for every unit index i.",
                    List.of(ParameterSpec.integer("units", 3, "Units per cell.").withRange(1, 1000)), List.of("base"),
                    List.of("squares"), StageScope.EACH_MATRIX_CELL);
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            Artifact base = ctx.input("base");
            long b = Long.parseLong(Files.readString(base.file("base.txt")));
            List<WorkUnit> units = new ArrayList<>();
            for (int i = 0; i < ctx.parameters().getInt("units"); i++) {
                units.add(new WorkUnit("b" + b + "-i" + i, Map.of("index", i), List.of(base.key()), "square", i));
            }
            StringBuilder all = new StringBuilder();
            for (Artifact a : ctx.fanOut(units)) {
                all.append(Files.readString(a.file("square.txt"))).append('\n');
            }
            Files.writeString(ctx.output("squares").directory().resolve("squares.txt"), all);
        }

        @Override
        public void runUnit(UnitContext ctx) throws Exception {
            UNITS_RUN.incrementAndGet();
            String name = ctx.unit().name();
            if (FAIL_UNITS.contains(name)) {
                throw new IllegalStateException("unit " + name + " is poisoned");
            }
            if (name.equals(holdUnit)) {
                holding.countDown();
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(name + " was never released");
                }
            }
            long b = Long.parseLong(Files.readString(ctx.input("base").file("base.txt")));
            long v = b + ((Number) ctx.unit().parameters().get("index")).longValue();
            Files.writeString(ctx.output().directory().resolve("square.txt"), name + "=" + v * v);
        }
    }
}
