package org.defrost.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs that fail (a stage throws, exceeds its time limit, or the store cannot be written) fail alone and cleanly. */
class StageFailureTest {
    @TempDir
    Path root;

    @BeforeEach
    void reset() {
        TestStages.reset();
    }

    @Test
    void aStageThatThrowsOrExceedsItsTimeLimitFailsItsRunWithTheReasonAndTheServiceGoesOn() throws Exception {
        try (ServiceFixture f = new ServiceFixture(root)) {
            f.start(f.settings(1, Duration.ofSeconds(2), 0));
            f.drop("throws.yaml", flaky("throws", "mode: throw", 2, null));
            f.drop("own-limit.yaml", flaky("own-limit", "mode: slow, millis: 60000", 1, "1s"));
            f.drop("default-limit.yaml", flaky("default-limit", "mode: slow, millis: 60000", 1, null));
            f.drop("error.yaml", flaky("error", "mode: error", 1, null));

            String throwsError = ServiceFixture.error(f.awaitHandled("throws.yaml"));
            assertTrue(throwsError.contains(":5:5: stages[0]: stage 'f' (flaky) failed for f [seed "), throwsError);
            assertTrue(throwsError.contains("]: injected failure\n"), throwsError);
            assertTrue(throwsError.matches("(?s).*\\nRun \\S+ failed\\. Record: \\S+/runs/\\S+/run\\.json\\n.*"), throwsError);
            String ownLimit = ServiceFixture.error(f.awaitHandled("own-limit.yaml"));
            assertTrue(ownLimit.contains("stages[0]: stage 'f' (flaky) failed for f [seed 0]: stage exceeded its time limit of 1s"),
                    ownLimit);
            String defaultLimit = ServiceFixture.error(f.awaitHandled("default-limit.yaml"));
            assertTrue(defaultLimit.contains("failed for f [seed 0]: stage exceeded its time limit of 2s"), defaultLimit);
            Path error = f.awaitHandled("error.yaml");
            assertFalse(ServiceFixture.processed(error));
            assertTrue(ServiceFixture.error(error).contains("an invariant broke"), ServiceFixture.error(error));

            f.drop("after.yaml", flaky("after", "mode: ok", 2, null));
            Path after = f.awaitHandled("after.yaml");
            assertTrue(ServiceFixture.processed(after), ServiceFixture.error(after));
            assertNoUntrustworthyArtifact(f.workspace);
        }
    }

    @Test
    void aStageThatWritesPartOfItsOutputThenFailsLeavesNoArtifactAndNoTemporaryFiles() throws Exception {
        try (ServiceFixture f = new ServiceFixture(root)) {
            f.start(f.settings(1, Duration.ofSeconds(30), 0));
            f.drop("partial.yaml", flaky("partial", "mode: partial", 3, null));
            String error = ServiceFixture.error(f.awaitHandled("partial.yaml"));
            assertTrue(error.contains("]: No space left on device (simulated)"), error);
            assertEquals(List.of(), kinds(f.workspace, "flaky"), "no artifact of the failed stage");
            assertNoUntrustworthyArtifact(f.workspace);

            f.drop("partial.yaml", flaky("partial", "mode: ok", 3, null));
            List<Path> both = f.awaitHandled("partial.yaml", 2);
            assertTrue(ServiceFixture.processed(both.get(1)), ServiceFixture.error(both.get(1)));
            assertEquals(3, kinds(f.workspace, "flaky").size());
        }
    }

    @Test
    void aStoreThatCannotCommitFailsTheRunCleanlyAndTheNextRunRecomputesOnlyWhatIsMissing() throws Exception {
        try (ServiceFixture f = new ServiceFixture(root)) {
            f.start(f.settings(1, Duration.ofSeconds(30), 0));
            String broken = numbersThenFlaky("mode: break-store");
            f.drop("store.yaml", broken);
            String error = ServiceFixture.error(f.awaitHandled("store.yaml"));
            assertTrue(error.contains(":8:5: stages[1]: stage 'f' (flaky) failed for f [seed "), error);
            assertTrue(error.contains("artifacts"), "the error names the store's directory: " + error);

            Path artifacts = f.workspace.resolve("artifacts");
            Files.delete(artifacts);
            Files.move(f.workspace.resolve("artifacts.aside"), artifacts);
            assertEquals(2, kinds(f.workspace, "numbers").size(), "the stage that finished before the failure kept its artifacts");
            assertEquals(List.of(), kinds(f.workspace, "flaky"));
            assertNoUntrustworthyArtifact(f.workspace);

            int numbersBefore = TestStages.runs("numbers");
            f.drop("store.yaml", numbersThenFlaky("mode: ok"));
            List<Path> both = f.awaitHandled("store.yaml", 2);
            assertTrue(ServiceFixture.processed(both.get(1)), ServiceFixture.error(both.get(1)));
            assertEquals(numbersBefore, TestStages.runs("numbers"), "numbers came from the store");
            assertEquals(2, kinds(f.workspace, "flaky").size());
            assertNoUntrustworthyArtifact(f.workspace);
        }
    }

    /** A flaky stage with the given parameters; its {@code uses:} key is on line 5, column 5. */
    private static String flaky(String name, String with, int seeds, String timeout) {
        return "pipeline: " + name + "\nseeds: " + seeds + "\nstages:\n  - id: f\n    uses: flaky\n"
                + (timeout == null ? "" : "    timeout: " + timeout + "\n")
                + "    with: { tag: " + name + ", " + with + " }\n";
    }

    private static String numbersThenFlaky(String with) {
        return "pipeline: store\nseeds: 2\nstages:\n  - id: numbers\n    uses: numbers\n    with: { count: 7 }\n"
                + "  - id: f\n    uses: flaky\n    with: { tag: store, " + with + " }\n";
    }

    /** Keys of the artifacts of {@code kind} in the workspace. */
    static List<String> kinds(Path workspace, String kind) throws IOException {
        try (Stream<Path> dirs = Files.list(workspace.resolve("artifacts"))) {
            return dirs.filter(d -> kind.equals(manifest(d).path("kind").asText())).map(d -> d.getFileName().toString())
                    .sorted().toList();
        }
    }

    private static JsonNode manifest(Path artifact) {
        try {
            return Json.MAPPER.readTree(artifact.resolve("manifest.json").toFile());
        } catch (IOException e) {
            throw new AssertionError("artifact without a readable manifest: " + artifact, e);
        }
    }

    /** Every artifact passes the store's own check (files, sizes, checksums), none was quarantined, and tmp/ is empty. */
    static void assertNoUntrustworthyArtifact(Path workspace) throws IOException {
        ArtifactStore store = new ArtifactStore(workspace);
        for (String key : store.keys()) {
            assertTrue(store.find(key).isPresent(), "artifact " + key + " fails the store's check");
        }
        assertFalse(Files.exists(workspace.resolve("damaged")), "nothing was quarantined");
        try (Stream<Path> tmp = Files.list(workspace.resolve("tmp"))) {
            assertEquals(List.of(), tmp.toList(), "temporary directories are cleaned up");
        }
    }
}
