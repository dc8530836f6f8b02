package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.Json;
import org.defrost.engine.store.Manifest;
import org.defrost.engine.store.PendingArtifact;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Finding results after a run: where the report is, {@code runs}, {@code report latest}, {@code gc}; and option errors. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkspaceCommandsTest {
    @TempDir
    static Path dir;
    static Path workspace;
    static CommandLineTest.Result first;

    @BeforeAll
    static void runOnce() throws Exception {
        workspace = dir.resolve("work");
        Path file = Files.writeString(dir.resolve("shared.yaml"), SharedWorkspaceProcessTest.PIPELINE);
        first = CommandLineTest.run("run", "--workspace", workspace.toString(), "--plugins", dir.resolve("none").toString(),
                "--metrics-port", "0", "--threads", "2", file.toString());
        assertEquals(0, first.code(), first.err());
    }

    @Test
    @Order(1)
    void runsListsTheRunAsTableAndJson() throws Exception {
        CommandLineTest.Result table = CommandLineTest.run("runs", "--workspace", workspace.toString());
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().startsWith("RUN "), table.out());
        assertTrue(table.out().contains(" shared ") && table.out().contains(" succeeded "), table.out());
        CommandLineTest.Result json = CommandLineTest.run("runs", "--workspace", workspace.toString(), "--json");
        JsonNode runs = Json.MAPPER.readTree(json.out());
        assertEquals(1, runs.size());
        JsonNode run = runs.get(0);
        assertEquals("succeeded", run.get("status").asText());
        assertEquals("shared", run.get("pipeline").asText());
        assertEquals(7 + 24, run.get("computed").asInt() + run.get("cached").asInt(),
                "7 invocations and 24 fine-tuning units, of which identical cells are reused: " + run);
        assertTrue(run.get("computed").asInt() > run.get("cached").asInt(), run.toString());
        assertTrue(run.get("seconds").asDouble() > 0);
    }

    @Test
    @Order(2)
    void reportLatestWritesTheReportIntoTheRunsDirectory() throws Exception {
        CommandLineTest.Result r = CommandLineTest.run("report", "--workspace", workspace.toString(), "latest");
        assertEquals(0, r.code(), r.err());
        Path page = Path.of(r.out().strip());
        assertEquals(workspace.resolve("runs/latest/report.html").toRealPath(), page.toRealPath());
        assertTrue(Files.readString(page).contains("<html"));
        assertEquals("", r.err(), "a run that finished leaves nothing out");
        CommandLineTest.Result unknown = CommandLineTest.run("report", "--workspace", dir.resolve("empty").toString(), "latest");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no run 'latest'"), unknown.err());
    }

    @Test
    @Order(3)
    void gcIsADryRunUnlessToldAndRemovesOnlyWhatNoRunReferences() throws Exception {
        ArtifactStore store = new ArtifactStore(workspace);
        PendingArtifact p = store.begin("stray");
        Files.writeString(p.directory().resolve("x.txt"), "left by a deleted run");
        Path stray = store.commit(p, "e".repeat(64), new Manifest.Producer("t", "1", "s", "p"), Map.of(), List.of(), 0)
                .directory();
        Files.createDirectories(workspace.resolve("damaged/abc-1"));
        CommandLineTest.Result dry = CommandLineTest.run("gc", "--workspace", workspace.toString());
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().startsWith("Would remove 1 artifacts no run references and 1 damaged copies"), dry.out());
        assertTrue(dry.out().contains("stray") && dry.out().contains("gc --delete"), dry.out());
        assertTrue(Files.exists(stray), "a dry run removes nothing");
        CommandLineTest.Result delete = CommandLineTest.run("gc", "--workspace", workspace.toString(), "--delete");
        assertEquals(0, delete.code(), delete.err());
        assertTrue(delete.out().startsWith("Removed 1 artifacts"), delete.out());
        assertFalse(Files.exists(stray));
        assertFalse(Files.exists(workspace.resolve("damaged/abc-1")));
        CommandLineTest.Result again = CommandLineTest.run("run", "--workspace", workspace.toString(), "--plugins",
                dir.resolve("none").toString(), "--metrics-port", "0", dir.resolve("shared.yaml").toString());
        assertEquals(0, again.code(), again.err());
        JsonNode newest = Json.MAPPER.readTree(CommandLineTest.run("runs", "--workspace", workspace.toString(), "--json").out())
                .get(0);
        assertEquals(0, newest.get("computed").asInt(), "gc kept everything the run needs: " + newest);
    }

    @Test
    @Order(4)
    void aMetricsPortOutOfRangeIsInvalidInputAndNothingStops() {
        CommandLineTest.Result r = CommandLineTest.run("run", "--workspace", workspace.toString(), "--metrics-port", "70000",
                dir.resolve("shared.yaml").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--metrics-port must be between 0 (off) and 65535, was 70000"), r.err());
        assertFalse(r.err().contains("stopping"), r.err());
    }

    @Test
    @Order(5)
    void fileSystemErrorsKeepTheirReasonAndPath() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CommandLineTest.Result r = CommandLineTest.run("run", "--workspace", file.resolve("work").toString(), "--plugins",
                dir.resolve("none").toString(), "--metrics-port", "0", dir.resolve("shared.yaml").toString());
        assertEquals(1, r.code());
        assertEquals("defrost: " + file.resolve("work") + ": not a directory", r.err().strip());
        CommandLineTest.Result missing = CommandLineTest.run("run", dir.resolve("nonexist.yaml").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nonexist.yaml:1:1: cannot read the file: no such file or directory"), missing.err());
    }
}
