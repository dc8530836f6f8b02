package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} and {@code run} catch mistakes before any training; {@code --set} and {@code --dry-run}. */
class BeforeTheRunTest {
    private static final String TINY = """
            pipeline: tiny
            seeds: 2
            stages:
              - id: tasks
                uses: chmm
                with: { inputDim: 8, sourceLatentDim: 3, targetLatentDim: 3, sourceTrainSize: 60, targetPoolSize: 80,
                        sourceTestSize: 40, targetTestSize: 40, probeSize: 20 }
              - id: source
                uses: pretrain
                with: { hidden: [4], maxEpochs: 2, patience: 2 }
            """;
    private static final String FINE_TUNE = """
              - id: defrost
                uses: incremental-defrosting
              - id: finetune
                uses: fine-tune
                with: { targetSizes: [20, 300], maxEpochs: 2 }
            """;

    @TempDir
    Path dir;

    @Test
    void aTargetSizeLargerThanThePoolStopsTheRunBeforeAnyTrainingWithTheLine() throws Exception {
        Path file = Files.writeString(dir.resolve("sizes.yaml"), TINY + FINE_TUNE);
        Path workspace = dir.resolve("work");
        CommandLineTest.Result r = CommandLineTest.run("run", "--workspace", workspace.toString(), "--metrics-port", "0",
                file.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(file + ":15:13: stages[3].with.targetSizes: target size 300 and its 75 validation rows "
                + "need 375 rows of the target pool, which has 80"), r.err());
        assertTrue(Files.notExists(workspace.resolve("runs")), "nothing ran");
        CommandLineTest.Result validate = CommandLineTest.run("validate", file.toString());
        assertEquals(2, validate.code());
        assertTrue(validate.err().contains("target size 300 and its 75 validation rows need 375 rows of the target pool, "
                + "which has 80"), validate.err());
        CommandLineTest.Result fixed = CommandLineTest.run("validate", "--set", "finetune.targetSizes=[20, 30]", file.toString());
        assertEquals(0, fixed.code(), fixed.err());
    }

    @Test
    void validateReportsEveryIndependentMistakeOfAStageAtItsOwnLine() throws Exception {
        Path file = Files.writeString(dir.resolve("both.yaml"), TINY + """
                  - id: defrost
                    uses: incremental-defrosting
                  - id: finetune
                    uses: fine-tune
                    with:
                      targetSizes: [20, 30, 20]
                      nesterov: true
                """);
        CommandLineTest.Result r = CommandLineTest.run("validate", file.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(file + ":16:7: stages[3].with.targetSizes: 20 is listed twice"), r.err());
        assertTrue(r.err().contains(file + ":17:7: stages[3].with.nesterov: nesterov applies only to optimizer: sgd"),
                r.err());
        assertEquals(1, r.err().split("listed twice", -1).length - 1, r.err());
    }

    @Test
    void aMissingInputFileAndAnUnusedMatrixKeyAreReportedByValidate() throws Exception {
        Path file = Files.writeString(dir.resolve("data.yaml"), """
                pipeline: data
                matrix:
                  lr: [0.1, 0.01]
                stages:
                  - id: tasks
                    uses: dataset
                    with: { format: npy, trainInputs: missing-x.npy, trainLabels: missing-y.npy }
                """);
        CommandLineTest.Result r = CommandLineTest.run("validate", file.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(file + ":3:3: warning: matrix.lr: no stage refers to matrix key 'lr'"), r.err());
        assertTrue(r.err().contains(file + ":7:26: stages[0].with.trainInputs: no such file or directory: "
                + dir.resolve("missing-x.npy")), r.err());
        assertTrue(r.err().contains("stages[0].with.trainLabels: no such file or directory"), r.err());
    }

    @Test
    void aBadSetValueIsReportedWithItsArgument() throws Exception {
        Path file = Files.writeString(dir.resolve("tiny.yaml"), TINY);
        CommandLineTest.Result r = CommandLineTest.run("run", "--workspace", dir.resolve("w").toString(), "--set",
                "source.maxEpochs=-1", file.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--set source.maxEpochs=-1: stages[1].with.maxEpochs: value -1 is out of range"), r.err());
        CommandLineTest.Result malformed = CommandLineTest.run("validate", "--set", "maxEpochs", file.toString());
        assertEquals(2, malformed.code());
        assertTrue(malformed.err().contains("--set maxEpochs: expected STAGE.PARAM=VALUE"), malformed.err());
    }

    @Test
    void aDryRunPrintsThePlanWithWhatTheWorkspaceHoldsAndRunsNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("tiny.yaml"), TINY);
        String workspace = dir.resolve("work").toString();
        CommandLineTest.Result before = CommandLineTest.run("run", "--dry-run", "--workspace", workspace, file.toString());
        assertEquals(0, before.code(), before.err());
        assertTrue(before.out().contains("Plan of pipeline 'tiny'"), before.out());
        assertTrue(before.out().matches("(?s).*\\n  tasks +chmm +per cell and seed \\(1x2\\) +2 +0 +2\\n.*"), before.out());
        assertTrue(before.out().contains("4 invocations, 0 already in the workspace, 4 to compute."), before.out());
        assertTrue(Files.notExists(dir.resolve("work/runs")), "a dry run runs nothing");

        assertEquals(0, CommandLineTest.run("run", "--workspace", workspace, "--metrics-port", "0", file.toString()).code());
        CommandLineTest.Result after = CommandLineTest.run("run", "--dry-run", "--workspace", workspace, file.toString());
        assertTrue(after.out().contains("4 invocations, 4 already in the workspace, 0 to compute."), after.out());
        CommandLineTest.Result changed = CommandLineTest.run("run", "--dry-run", "--workspace", workspace,
                "--set", "source.maxEpochs=3", file.toString());
        assertTrue(changed.out().matches("(?s).*\\n  source +pretrain +per cell and seed \\(1x2\\) +2 +0 +2\\n.*"), changed.out());
        assertTrue(changed.out().contains("4 invocations, 2 already in the workspace, 2 to compute."), changed.out());
    }
}
