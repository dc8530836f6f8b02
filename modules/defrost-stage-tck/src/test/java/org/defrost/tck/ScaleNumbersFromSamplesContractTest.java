package org.defrost.tck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defrost.spi.Stage;

/** The kit on a stage that fans out, reading prepared sample artifacts, one per seed. */
class ScaleNumbersFromSamplesContractTest extends StageContractKit {
    @Override
    protected Stage stage() {
        return new ScaleNumbersStage();
    }

    @Override
    protected Map<String, ?> validParameters() {
        return Map.of("factor", 3.0, "chunks", 3);
    }

    @Override
    protected List<InvalidParameters> invalidParameters() {
        return List.of(InvalidParameters.of(Map.of("rounding", "integer", "factor", 2.5), "factor").mentioning("whole factor"));
    }

    @Override
    protected Map<String, List<SampleArtifact>> sampleArtifacts(Path directory) throws Exception {
        Path first = Files.createDirectories(directory.resolve("seed0"));
        Path second = Files.createDirectories(directory.resolve("seed1"));
        NumberFiles.write(first.resolve(NumberFiles.FILE), List.of(1.0, 2.0, 3.0, 4.0, 5.0));
        NumberFiles.write(second.resolve(NumberFiles.FILE), List.of(-1.5, 0.25, 8.0));
        return Map.of("numbers", List.of(new SampleArtifact(first, Map.of("count", 5)), new SampleArtifact(second, Map.of("count", 3))));
    }

    @Override
    protected int seeds() {
        return 2;
    }

    @Override
    protected Set<String> timingDependentFiles() {
        return Set.of("timing.txt");
    }

    @Override
    protected Set<String> timingDependentMetadata() {
        return Set.of("nanoseconds");
    }

    @Override
    protected Map<String, ?> cancellationParameters() {
        return Map.of("factor", 3.0, "chunks", 3, "spinsPerValue", 1_000_000_000_000L);
    }
}
