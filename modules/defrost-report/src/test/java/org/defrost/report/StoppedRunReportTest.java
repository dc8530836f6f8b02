package org.defrost.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a run that was stopped: drawn from what finished, and saying which parts are missing. */
class StoppedRunReportTest {
    /** The run being stopped when the cell {@code etaF = 0.0} starts, as Ctrl-C would. */
    static volatile RunControl stopping;

    /** Writes the fixture's transfer results, except for the cell etaF = 0.0, which stops the run. */
    static final class StoppingTransfer implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("stopping-transfer", "1", "Writes synthetic transfer results, or stops the run.",
                    List.of(ParameterSpec.number("etaF", 0.0, "Feature perturbation of the cell.")),
                    List.of(), List.of("transfer-results"), StageScope.EACH_MATRIX_CELL);
        }

        @Override
        public void run(StageContext ctx) throws Exception {
            if (ctx.parameters().getDouble("etaF") == 0.0) {
                stopping.cancel();
                throw new CancellationException("run cancelled");
            }
            var out = ctx.output("transfer-results");
            Fixtures.writeTransfer(out.directory(), ctx.matrixCell(), Fixtures.SMALL, true).forEach(out::putMetadata);
        }
    }

    private static final String PIPELINE = """
            pipeline: stopped
            seed: 42
            seeds: 3
            matrix:
              etaF: [0.5, 0.0]
            stages:
              - id: finetune
                uses: stopping-transfer
                with: { etaF: "${matrix.etaF}" }
              - id: report
                uses: report
            """;

    @TempDir
    Path dir;

    @Test
    void aStoppedRunsReportShowsWhatFinishedAndNamesWhatIsMissing() throws Exception {
        Path workspace = dir.resolve("work");
        Path file = Files.writeString(dir.resolve("p.yaml"), PIPELINE);
        StageRegistry registry = StageRegistry.builder().add(new StoppingTransfer(), "test").add(new ReportStage(), "test")
                .build();
        RunResult r;
        try (PipelineRunner runner = new PipelineRunner(new ArtifactStore(workspace), 1)) {
            stopping = new RunControl();
            r = runner.run(new PipelineParser(registry).parse(file), new RunListener() { }, stopping);
        }
        assertEquals("cancelled", r.status());
        FinishedRun finished = FinishedRun.load(workspace, r.runId());
        assertEquals(1, finished.inputs().transferResults().size(), "the cell that finished is reported");
        assertEquals(List.of(
                "finetune (stopping-transfer): 1 of 2 invocations finished; [etaF=0.0] cancelled (missing transfer-results)",
                "report (report): 0 of 1 invocations finished; 1 never ran (missing report)"), finished.missing());
        Path page = ReportGenerator.generate(finished.inputs(), finished.options(), finished.prepareDefaultOutput());
        assertTrue(Files.readString(page).contains("cancelled"), "the provenance gives the run's status");
    }

    @Test
    void aRunThatStoppedBeforeAnyResultNamesTheMissingPartsInItsError() throws Exception {
        Path workspace = dir.resolve("work");
        Path file = Files.writeString(dir.resolve("p.yaml"), PIPELINE.replace("[0.5, 0.0]", "[0.0]"));
        StageRegistry registry = StageRegistry.builder().add(new StoppingTransfer(), "test").add(new ReportStage(), "test")
                .build();
        RunResult r;
        try (PipelineRunner runner = new PipelineRunner(new ArtifactStore(workspace), 1)) {
            stopping = new RunControl();
            r = runner.run(new PipelineParser(registry).parse(file), new RunListener() { }, stopping);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FinishedRun.load(workspace, r.runId()));
        assertTrue(e.getMessage().endsWith("there is nothing to report. Missing: finetune (stopping-transfer): 0 of 1 "
                + "invocations finished; [etaF=0.0] cancelled (missing transfer-results); report (report): 0 of 1 "
                + "invocations finished; 1 never ran (missing report)"), e.getMessage());
    }
}
