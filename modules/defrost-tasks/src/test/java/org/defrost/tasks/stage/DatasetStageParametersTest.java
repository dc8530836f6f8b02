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

    /** An IDX file of unsigned bytes with the given dimensions, values 0, 1, 2, ... */
    private static void idx(Path file, int... dims) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream d = new java.io.DataOutputStream(out);
        d.writeInt(0x0800 | dims.length);
        int n = 1;
        for (int x : dims) {
            d.writeInt(x);
            n *= x;
        }
        for (int i = 0; i < n; i++) {
            d.writeByte(i % (dims.length == 1 ? 3 : 256));
        }
        Files.write(file, out.toByteArray());
    }

    @Test
    void greyScaleImagesAreDeclaredWithTheirChannel(@TempDir Path dir) throws Exception {
        idx(dir.resolve("train-images-idx3-ubyte"), 6, 28, 28);
        idx(dir.resolve("train-labels-idx1-ubyte"), 6);
        idx(dir.resolve("t10k-images-idx3-ubyte"), 3, 28, 28);
        idx(dir.resolve("t10k-labels-idx1-ubyte"), 3);
        Dataset fashion = DataSource.of(Parameters.of(stage.descriptor().parameters(),
                Map.of("format", "fashion-mnist", "directory", dir.toString()))).load(Seed.of(1));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 28, 28}, fashion.inputShape());
        assertEquals(28 * 28, fashion.train().features());
        // the shape the stage declares to a convolutional source network before the run agrees with the data
        Map<String, Long> declared = stage.outputSizes(TaskArtifacts.SOURCE_TASK, Parameters.of(stage.descriptor().parameters(),
                Map.of("format", "fashion-mnist")));
        assertEquals(List.of(1L, 28L, 28L), List.of(declared.get("inputChannels"), declared.get("inputHeight"),
                declared.get("inputWidth")));

        Dataset images = DataSource.of(Parameters.of(stage.descriptor().parameters(),
                Map.of("format", "idx", "trainInputs", dir.resolve("train-images-idx3-ubyte").toString(),
                        "trainLabels", dir.resolve("train-labels-idx1-ubyte").toString(), "classes", 3,
                        "testRows", 2))).load(Seed.of(1));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 28, 28}, images.inputShape());
    }
}
