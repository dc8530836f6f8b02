package org.defrost.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.report.ResultArtifact;
import org.defrost.report.model.TransitionDepth.Definition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimilarityLinkTest {
    @TempDir
    Path dir;

    /** One task pair, L = 3, sizes 50 and 200 with ℓ* 3 and 1 (new optimal-depths contract, columns that matter). */
    private TransferResults transfer() throws IOException {
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.writeString(t.resolve("summary.csv"), "targetSize,init,depth,seeds,meanTestError,stderrTestError\n"
                + "50,random,0,2,0.3,0.01\n200,random,0,2,0.2,0.01\n");
        Files.writeString(t.resolve("optimal-depths.csv"), "targetSize,trainSize,validationSize,validationFromBudget,"
                + "layers,seeds,depthStar,init,meanTestError\n50,50,50,false,3,2,3,pretrained,0.2\n"
                + "200,200,50,false,3,2,1,random,0.1\n");
        return TransferResults.load(List.of(new ResultArtifact("t", Map.of("etaF", 0.5), t, Map.of())));
    }

    private SimilarityResults similarity(String profiles) throws IOException {
        Path s = Files.createDirectories(dir.resolve("s"));
        Files.writeString(s.resolve("profile-summary.csv"), profiles);
        return SimilarityResults.load(List.of(new ResultArtifact("s", Map.of("etaF", 0.5), s, Map.of())));
    }

    @Test
    void eachSizeUsesTheProfileOfTheTStarTrainedOnItsExamplesWhenThereIsOne() throws IOException {
        // T* on 50 examples: CKA falls after layer 3 (never); on 200: falls after layer 1; on the pool: after layer 2
        SimilarityResults s = similarity("etaF,targetSize,pool,probe,measure,layer,mean,stderr\n"
                + "0.5,50,false,target,linear-cka,0,1.0,NaN\n0.5,50,false,target,linear-cka,1,0.9,NaN\n"
                + "0.5,50,false,target,linear-cka,2,0.9,NaN\n0.5,50,false,target,linear-cka,3,0.9,NaN\n"
                + "0.5,200,false,target,linear-cka,0,1.0,NaN\n0.5,200,false,target,linear-cka,1,0.9,NaN\n"
                + "0.5,200,false,target,linear-cka,2,0.3,NaN\n0.5,200,false,target,linear-cka,3,0.2,NaN\n"
                + "0.5,750,true,target,linear-cka,0,1.0,NaN\n0.5,750,true,target,linear-cka,1,0.9,NaN\n"
                + "0.5,750,true,target,linear-cka,2,0.9,NaN\n0.5,750,true,target,linear-cka,3,0.4,NaN\n");
        List<SimilarityLink.Point> points = SimilarityLink.points(transfer(), s, "target", "linear-cka",
                Definition.LARGEST_DROP);
        assertEquals(List.of(50, 200), points.stream().map(SimilarityLink.Point::trainSize).toList());
        assertEquals(List.of(3, 1), points.stream().map(SimilarityLink.Point::transitionDepth).toList());
        assertEquals(List.of(3, 1), points.stream().map(SimilarityLink.Point::depthStar).toList());
        assertEquals(0, s.cells().get(0).shownTrainSize(), "the charts show the pool's T*");
    }

    @Test
    void withoutSizedProfilesEverySizeSharesThePoolProfile() throws IOException {
        SimilarityResults s = similarity("probe,measure,layer,mean,stderr\n"
                + "target,linear-cka,0,1.0,0.0\ntarget,linear-cka,1,0.9,0.0\ntarget,linear-cka,2,0.9,0.0\n"
                + "target,linear-cka,3,0.4,0.0\n");
        List<SimilarityLink.Point> points = SimilarityLink.points(transfer(), s, "target", "linear-cka",
                Definition.LARGEST_DROP);
        assertEquals(List.of(2, 2), points.stream().map(SimilarityLink.Point::transitionDepth).toList());
        assertEquals(List.of(0, 0), points.stream().map(SimilarityLink.Point::trainSize).toList());
    }
}
