package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results at the end of a run are labelled by their matrix cell; cells with the same result share a block. */
class ResultBlocksTest {
    @TempDir
    Path dir;

    @Test
    void eachBlockNamesItsCellsAndCellsThatRepeatTheSameWorkShareOne() throws Exception {
        Path file = Files.writeString(dir.resolve("cells.yaml"), """
                pipeline: cells
                matrix:
                  etaF: [0.0, 0.5]
                  repeat: [1, 2]
                stages:
                  - id: tasks
                    uses: chmm
                    with: { inputDim: 8, sourceLatentDim: 3, targetLatentDim: 3, sourceTrainSize: 60, targetPoolSize: 70,
                            sourceTestSize: 40, targetTestSize: 40, probeSize: 20, etaF: "${matrix.etaF}" }
                  - id: source
                    uses: pretrain
                    with: { hidden: [4], maxEpochs: 2, patience: 2 }
                  - id: defrost
                    uses: incremental-defrosting
                  - id: finetune
                    uses: fine-tune
                    with: { targetSizes: [20], maxEpochs: 3, patience: 3 }
                """);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        CommandLineTest.Result r;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            r = CommandLineTest.run("run", "--workspace", dir.resolve("work").toString(), "--metrics-port", "0", file.toString());
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, r.code(), r.err() + out);
        assertTrue(r.err().contains("warning: matrix.repeat: no stage refers to matrix key 'repeat'"), r.err());
        assertTrue(out.contains("[finetune etaF=0.0, repeat=1; etaF=0.0, repeat=2] (the same result for each of these cells)\n"
                + "Optimal transfer depth"), out);
        assertTrue(out.contains("[finetune etaF=0.5, repeat=1; etaF=0.5, repeat=2] (the same result for each of these cells)\n"
                + "Optimal transfer depth"), out);
        assertEquals(2, out.split("Optimal transfer depth", -1).length - 1, "one block per distinct result:\n" + out);
    }
}
