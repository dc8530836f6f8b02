package org.defrost.tck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.defrost.spi.ArtifactWriter;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;

/**
 * Turns the test's {@link SampleArtifact}s into artifacts of the store, one of each kind per seed, so that
 * the stage under test reads them as it would read a real producer's.
 */
final class SampleInputsStage implements Stage {
    static final String TYPE = "tck-sample-inputs";
    /** Written by the store beside every artifact; a sample copied from a store leaves its own behind. */
    private static final String MANIFEST = "manifest.json";

    private final Map<String, List<SampleArtifact>> samples;

    /** @param samples by kind: one artifact per seed index, or one for every seed */
    SampleInputsStage(Map<String, List<SampleArtifact>> samples) {
        this.samples = Map.copyOf(samples);
    }

    @Override
    public StageDescriptor descriptor() {
        return new StageDescriptor(TYPE, "1", "Copies the test's sample artifacts into the store.", List.of(), List.of(),
                samples.keySet().stream().sorted().toList(), StageScope.EACH_SEED);
    }

    @Override
    public void run(StageContext ctx) throws IOException {
        for (Map.Entry<String, List<SampleArtifact>> e : samples.entrySet()) {
            List<SampleArtifact> list = e.getValue();
            SampleArtifact sample = list.size() == 1 ? list.get(0) : list.get(ctx.seedIndex());
            ArtifactWriter out = ctx.output(e.getKey());
            copyTree(sample.directory(), out.directory());
            sample.metadata().forEach(out::putMetadata);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path relative = from.relativize(source);
                if (relative.toString().equals(MANIFEST)) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
