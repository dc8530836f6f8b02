package org.defrost.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.report.ResultArtifact;
import org.defrost.report.html.ResultSections;
import org.defrost.report.html.SectionBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results of a block (convolutional) source network name the blocks that a depth freezes. */
class BlockNamesTest {
    @TempDir
    Path dir;

    private static List<Recommendation> recommendations(TransferResults r) {
        return r.cells().stream().flatMap(c -> Recommendation.of(c, 50, r.depthNames()).stream()).toList();
    }

    private TransferResults transfer(Map<String, Object> metadata) throws IOException {
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.writeString(t.resolve("summary.csv"), "targetSize,init,depth,seeds,meanTestError,stderrTestError\n"
                + "50,random,0,2,0.3,0.01\n50,random,2,2,0.2,0.01\n");
        Files.writeString(t.resolve("optimal-depths.csv"), "targetSize,trainSize,validationSize,validationFromBudget,"
                + "layers,seeds,depthStar,init,meanTestError\n50,50,50,false,3,2,2,random,0.2\n");
        return TransferResults.load(List.of(new ResultArtifact("t", Map.of(), t, metadata)));
    }

    @Test
    void depthsOfABlockNetworkNameTheFrozenBlocks() throws IOException {
        TransferResults r = transfer(Map.of("blockNames", List.of("conv block 1", "conv block 2", "dense block 3")));
        assertEquals("conv block 1, conv block 2", r.frozenBlocks(2));
        assertEquals("", r.frozenBlocks(0));
        List<Recommendation> recs = recommendations(r);
        assertEquals(1, recs.size());
        org.defrost.report.html.Section answer = ResultSections.answer(r, recs, new SectionBuilder.FigureCounter());
        String html = answer.html();
        assertTrue(html.contains("Frozen: conv block 1, conv block 2."), html);
        assertTrue(html.contains("ℓ = 3 freezes conv block 1, conv block 2, dense block 3"), html);
        assertEquals("How many blocks to freeze", answer.heading());
        String sentence = recs.get(0).sentence();
        assertTrue(sentence.contains("transfer and freeze the first 2 blocks and re-initialise the blocks above (random)"),
                sentence);
        assertTrue(sentence.contains("with all 3 feature blocks frozen") && !sentence.contains("layer"), sentence);
    }

    @Test
    void aDenseNetworkKeepsBareDepths() throws IOException {
        TransferResults r = transfer(Map.of());
        assertTrue(r.blockNames().isEmpty());
        assertEquals("", r.frozenBlocks(2));
        String html = ResultSections.answer(r, recommendations(r), new SectionBuilder.FigureCounter()).html();
        assertTrue(!html.contains("Frozen:") && !html.contains("block"), html);
        assertTrue(html.contains("freeze the first 2 layers"), html);
    }
}
