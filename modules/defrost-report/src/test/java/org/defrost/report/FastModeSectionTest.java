package org.defrost.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast mode's section: drawn from a depth-prediction artifact when one is given, absent otherwise. */
class FastModeSectionTest {
    @TempDir
    Path dir;

    private static final String PREDICTIONS = """
            etaF,seed,source,target,targetSize,trainSize,validationSize,predictedDepth,predictedInit,predictedValidationError,probeDepth,similarityDepth,costSampleEpochs,fullSweepCostSampleEpochs,fullSweepCost,costRatio,seconds,fullSweepSeconds,fullSweepDepth,fullSweepInit,agreeWithin1
            0.0,0,etaF=0.0,ab12cd34ef56,60,60,50,3,pretrained,0.0612345,3,3,1500,12000,measured,0.125,1.5,9.0,2,random,true
            """;

    @Test
    void aDepthPredictionArtifactAddsItsSectionAndTable() throws IOException {
        ReportInputs base = Fixtures.inputs(dir.resolve("in"), Fixtures.SMALL, false, false);
        Path fast = dir.resolve("fast");
        Files.createDirectories(fast);
        Files.writeString(fast.resolve("predictions.csv"), PREDICTIONS);
        ResultArtifact artifact = new ResultArtifact("f", Map.of(), fast, Map.of("recommendedSource", Map.of("60", "etaF=0.0")));
        ReportInputs inputs = new ReportInputs(base.transferResults(), base.similarityResults(), List.of(artifact),
                base.provenance());
        Path out = dir.resolve("out");
        String html = Files.readString(ReportGenerator.generate(inputs, new ReportOptions("Fixture", false), out));
        assertTrue(html.contains("Fast prediction of the optimal depth"), "section heading");
        assertTrue(html.contains("<td class=\"num\">0.0612</td>"), "validation error rounded to 4 decimals");
        assertTrue(html.contains("<td>true</td>"), "agreement with the sweep shown");
        assertTrue(html.contains("n=60: etaF=0.0"), "the source to use");
        assertTrue(Files.exists(out.resolve("tables/fast-mode-predictions.csv")));
    }

    @Test
    void withoutOneTheReportHasNoFastSection() throws IOException {
        ReportInputs inputs = Fixtures.inputs(dir.resolve("in"), Fixtures.SMALL, false, false);
        String html = Files.readString(ReportGenerator.generate(inputs, new ReportOptions("Fixture", false), dir.resolve("out")));
        assertFalse(html.contains("Fast prediction"));
    }
}
