package org.defrost.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunListener;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report stage inside the real engine, and regeneration of a finished run's report from its workspace. */
class ReportStageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes the fixture's transfer results of its matrix cell. */
    static final class FixtureTransfer implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("fixture-transfer", "1", "Writes synthetic transfer results.",
                    List.of(ParameterSpec.number("etaF", 0.0, "Feature perturbation of the cell.")),
                    List.of(), List.of("transfer-results"), StageScope.EACH_MATRIX_CELL);
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            var out = ctx.output("transfer-results");
            Fixtures.writeTransfer(out.directory(), ctx.matrixCell(), Fixtures.SMALL, true)
                    .forEach(out::putMetadata);
        }
    }

    /** Writes the fixture's similarity results of its matrix cell. */
    static final class FixtureSimilarity implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("fixture-similarity", "1", "Writes synthetic similarity results.", List.of(),
                    List.of("transfer-results"), List.of("similarity-results"), StageScope.EACH_MATRIX_CELL);
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            var out = ctx.output("similarity-results");
            Fixtures.writeSimilarity(out.directory(), ctx.matrixCell(), Fixtures.SMALL).forEach(out::putMetadata);
        }
    }

    private static final String PIPELINE = """
            pipeline: report-test
            seed: 42
            seeds: 3
            matrix:
              etaF: [0.5, 0.0]
            stages:
              - id: finetune
                uses: fixture-transfer
                with: { etaF: "${matrix.etaF}" }
            %s  - id: report
                uses: report
                with: { title: "Report test", curves: false }
            """;
    private static final String SIMILARITY = """
              - id: similarity
                uses: fixture-similarity
            """;

    @TempDir
    Path dir;
    PipelineRunner runner;
    Path workspace;

    @BeforeEach
    void start() throws Exception {
        workspace = dir.resolve("work");
        runner = new PipelineRunner(new ArtifactStore(workspace), 2);
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    private RunResult run(boolean similarity) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, PIPELINE.formatted(similarity ? SIMILARITY : ""));
        StageRegistry registry = StageRegistry.builder().add(new FixtureTransfer(), "test")
                .add(new FixtureSimilarity(), "test").add(new ReportStage(), "test").build();
        RunResult r = runner.run(new PipelineParser(registry).parse(file), new RunListener() { }, new RunControl());
        assertTrue(r.succeeded(), () -> String.valueOf(r.failure()));
        return r;
    }

    private static JsonNode reportInvocation(RunResult r) throws Exception {
        for (JsonNode inv : JSON.readTree(r.runDirectory().resolve("run.json").toFile()).get("invocations")) {
            if (inv.get("stageId").asText().equals("report")) {
                return inv;
            }
        }
        throw new AssertionError("no report invocation");
    }

    @Test
    void stageWritesTheReportAndNamesItsMainFile() throws Exception {
        RunResult r = run(true);
        Path artifact = r.outputs().get("report").get(0);
        String html = Files.readString(artifact.resolve("report.html"));
        assertTrue(html.contains("<h1>Report test</h1>"));
        assertTrue(html.contains("data-kind=\"similarity-profile\""));
        assertFalse(html.contains("data-kind=\"training-curves\""), "curves: false");
        assertTrue(html.contains("fixture-transfer"), "provenance lists the earlier invocations");
        JsonNode manifest = JSON.readTree(artifact.resolve("manifest.json").toFile());
        assertEquals("report.html", manifest.get("metadata").get("mainFile").asText());
        assertFalse(manifest.get("metadata").has("summary"));
        assertTrue(Files.exists(artifact.resolve("tables/recommendations.csv")));
        assertTrue(Files.exists(artifact.resolve("report.json")));
    }

    @Test
    void aRerunWithUnchangedResultsReusesTheReportAndNewResultsDrawANewOne() throws Exception {
        RunResult first = run(false);
        assertEquals("computed", reportInvocation(first).get("status").asText());
        RunResult second = run(false);
        assertEquals("cached", reportInvocation(second).get("status").asText(), "same inputs: the report is reused");
        assertEquals(reportInvocation(first).get("outputs").get("report").asText(),
                reportInvocation(second).get("outputs").get("report").asText());
        assertTrue(Files.readString(second.reportFile()).contains("<h1>Report test</h1>"),
                "runs/<id>/report.html of the second run opens the reused report");
        RunResult third = run(true);
        assertEquals("computed", reportInvocation(third).get("status").asText(), "similarity results are a new input");
        assertTrue(Files.readString(third.reportFile()).contains("data-kind=\"similarity-profile\""));
    }

    @Test
    void finishedRunIsRegeneratedFromTheWorkspaceWithItsReportOptions() throws Exception {
        RunResult r = run(true);
        FinishedRun finished = FinishedRun.load(workspace, r.runId());
        assertEquals("Report test", finished.options().title());
        assertFalse(finished.options().curves());
        assertEquals(2, finished.inputs().transferResults().size());
        assertEquals(2, finished.inputs().similarityResults().size());
        assertEquals(Map.of("etaF", 0.5), finished.inputs().transferResults().get(0).matrixCell());
        Path artifactPage = r.outputs().get("report").get(0).resolve("report.html");
        String stored = Files.readString(artifactPage);
        Path page = ReportGenerator.generate(finished.inputs(), finished.options(), finished.prepareDefaultOutput());
        assertFalse(Files.isSymbolicLink(page), "the run's link to its report is replaced, not written through");
        assertEquals(stored, Files.readString(artifactPage), "the stored report artifact is untouched");
        assertEquals(workspace.resolve("runs").resolve(r.runId()).resolve("report.html"), page);
        assertEquals(List.of(), finished.missing());
        String regenerated = Files.readString(page);
        String original = Files.readString(r.outputs().get("report").get(0).resolve("report.html"));
        assertEquals(answers(original), answers(regenerated));
        assertTrue(regenerated.contains("data-kind=\"layer-matrix\""));
        assertTrue(regenerated.contains("status</td><td>succeeded"), "the record of a finished run");
    }

    private static List<String> answers(String html) {
        return html.lines().filter(l -> l.startsWith("<li class=\"answer\"")).toList();
    }

    @Test
    void unknownRunIdNamesTheMostRecentRuns() throws Exception {
        RunResult r = run(false);
        UnknownRunException e = assertThrows(UnknownRunException.class, () -> FinishedRun.load(workspace, "no-such-run"));
        assertEquals(List.of(r.runId()), e.recentRunIds());
        assertTrue(e.getMessage().contains("no run 'no-such-run'") && e.getMessage().contains(r.runId()), e.getMessage());
        assertThrows(UnknownRunException.class, () -> FinishedRun.load(workspace, "../" + r.runId()));
    }
}
