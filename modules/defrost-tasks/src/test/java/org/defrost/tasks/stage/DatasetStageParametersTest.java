package org.defrost.tasks.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.Parameters;
import org.defrost.spi.Seed;
import org.defrost.tasks.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetStageParametersTest {
    private final DatasetStage stage = new DatasetStage();

    private List<ParameterProblem> problems(Map<String, ?> given) {
        return stage.validate(Parameters.of(stage.descriptor().parameters(), given));
    }

    @Test
    void eachFormatNamesTheFileItIsMissing() {
        assertEquals(List.of(), problems(Map.of()));
        assertEquals(List.of(new ParameterProblem("trainInputs", "format csv needs trainInputs")),
                problems(Map.of("format", "csv")));
        assertEquals(List.of(new ParameterProblem("trainLabels", "format npy needs trainLabels")),
                problems(Map.of("format", "npy", "trainInputs", "x.npy")));
        assertEquals(List.of(), problems(Map.of("format", "csv", "trainInputs", "x.csv")));
        assertEquals(List.of(new ParameterProblem("trainInputs", "format idx needs trainInputs"),
                new ParameterProblem("trainLabels", "format idx needs trainLabels")), problems(Map.of("format", "idx")));
    }

    @Test
    void theDataAndEachGroupingAreCheckedIndependentlyAndAllReported() {
        List<ParameterProblem> p = problems(Map.of("format", "npy", "trainInputs", "x.npy",
                "sourceGroups", List.of("0,1"), "targetGroups", List.of("2", "2")));
        assertEquals(List.of("trainLabels", "sourceGroups", "targetGroups"),
                p.stream().map(ParameterProblem::parameter).toList(), p.toString());
    }

    @Test
    void theTaskPairsRulesAreReportedByParameter() {
        List<ParameterProblem> p = problems(Map.of("targetGroups", List.of("1,2")));
        assertEquals(1, p.size(), p.toString());
        assertEquals("targetGroups", p.get(0).parameter());
    }

    @Test
    void aBoundCsvSourceReadsItsFileAndHoldsOutTestRows(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int r = 0; r < 12; r++) {
            csv.append(r).append(',').append(-r).append(',').append(r % 3).append('\n');
        }
        Path file = Files.writeString(dir.resolve("rows.csv"), csv);
        DataSource source = DataSource.of(Parameters.of(stage.descriptor().parameters(),
                Map.of("format", "csv", "trainInputs", file.toString(), "classes", 3, "testRows", 4)));
        Dataset data = source.load(Seed.of(1));
        assertEquals(8, data.train().size());
        assertEquals(4, data.test().size());
        assertEquals(2, data.train().features());
    }
}
