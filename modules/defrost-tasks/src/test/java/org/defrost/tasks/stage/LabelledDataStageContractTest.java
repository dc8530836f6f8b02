package org.defrost.tasks.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.npy.Npy;
import org.defrost.spi.Stage;
import org.defrost.tck.InvalidParameters;
import org.defrost.tck.StageContractKit;

/** The stage contract for {@code labelled-data}, on 60 examples of 5 features in 3 classes. */
class LabelledDataStageContractTest extends StageContractKit {
    private static final Path DATA = write();

    private static Path write() {
        try {
            Path dir = Files.createTempDirectory("labelled-data-kit");
            dir.toFile().deleteOnExit();
            float[] x = new float[60 * 5];
            int[] y = new int[60];
            for (int i = 0; i < 60; i++) {
                y[i] = i % 3;
                for (int f = 0; f < 5; f++) {
                    x[i * 5 + f] = (float) Math.sin(i * 7 + f) + y[i];
                }
            }
            Npy.write(dir.resolve("X.npy"), x, 60, 5);
            Npy.write(dir.resolve("y.npy"), y, 60);
            dir.resolve("X.npy").toFile().deleteOnExit();
            dir.resolve("y.npy").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Stage stage() {
        return new LabelledDataStage();
    }

    @Override
    protected Map<String, ?> validParameters() {
        return Map.of("inputs", DATA.resolve("X.npy").toString(), "labels", DATA.resolve("y.npy").toString(),
                "testFraction", 0.25, "probeSize", 10);
    }

    @Override
    protected List<InvalidParameters> invalidParameters() {
        return List.of(InvalidParameters.of(Map.of("format", "csv"), "labels").mentioning("leave labels out"),
                InvalidParameters.of(Map.of("classes", 2), "labels").mentioning("outside the declared classes 0..1"));
    }

    @Override
    protected int seeds() {
        return 2;
    }
}
