package org.defrost.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service runs at most {@code concurrency} pipelines at once. */
class ConcurrencyTest {
    @TempDir
    Path root;

    @BeforeEach
    void reset() {
        TestStages.reset();
    }

    @Test
    void byDefaultPipelinesRunOneAfterAnother() throws Exception {
        try (ServiceFixture f = new ServiceFixture(root)) {
            f.start(f.settings(1, Duration.ofSeconds(30), 0));
            for (String name : new String[] {"a", "b", "c"}) {
                f.drop(name + ".yaml", gate(name, 1));
            }
            for (String name : new String[] {"a", "b", "c"}) {
                Path handled = f.awaitHandled(name + ".yaml");
                assertTrue(ServiceFixture.processed(handled), ServiceFixture.error(handled));
            }
            assertEquals(1, TestStages.GATE_MAX.get());
        }
    }

    @Test
    void withConcurrencyTwoTwoPipelinesRunAtOnce() throws Exception {
        try (ServiceFixture f = new ServiceFixture(root)) {
            f.start(f.settings(2, Duration.ofSeconds(30), 0));
            f.drop("a.yaml", gate("a", 2));
            f.drop("b.yaml", gate("b", 2));
            for (String name : new String[] {"a", "b"}) {
                Path handled = f.awaitHandled(name + ".yaml");
                assertTrue(ServiceFixture.processed(handled), ServiceFixture.error(handled));
            }
            assertEquals(2, TestStages.GATE_MAX.get(), "both runs held the gate at the same time");
        }
    }

    @Test
    void pipelinesThatDoNotFitInMemoryTogetherRunOneAfterAnotherEvenWithConcurrencyTwo() throws Exception {
        long mib = Runtime.getRuntime().maxMemory() / (1 << 20) * 6 / 10;
        try (ServiceFixture f = new ServiceFixture(root)) {
            f.start(f.settings(2, Duration.ofSeconds(30), 0));
            for (String name : new String[] {"a", "b"}) {
                f.drop(name + ".yaml", gate(name, 1) + "  - id: needs\n    uses: numbers\n    with: { mb: " + mib + " }\n");
            }
            for (String name : new String[] {"a", "b"}) {
                Path handled = f.awaitHandled(name + ".yaml");
                assertTrue(ServiceFixture.processed(handled), ServiceFixture.error(handled));
            }
            assertEquals(1, TestStages.GATE_MAX.get(), "each run needs 60% of the heap, so they never overlap");
        }
    }

    /** One gate invocation that waits for {@code meet} gates (at most 10 s), then holds 200 ms. */
    private static String gate(String tag, int meet) {
        return "pipeline: gate-" + tag + "\nstages:\n  - id: g\n    uses: gate\n    with: { tag: " + tag + ", meet: " + meet
                + ", millis: 200 }\n";
    }
}
