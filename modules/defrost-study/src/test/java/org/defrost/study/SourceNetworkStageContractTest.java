package org.defrost.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.onnx.OnnxExport;
import org.defrost.spi.Seed;
import org.defrost.spi.Stage;
import org.defrost.tck.InvalidParameters;
import org.defrost.tck.StageContractKit;

/** The stage contract for {@code source-network}, on a small ONNX model and a file that is not one. */
class SourceNetworkStageContractTest extends StageContractKit {
    private static final Path DIR = write();

    private static Path write() {
        try {
            Path dir = Files.createTempDirectory("source-network-kit");
            OnnxExport.write(Network.build(NetworkSpec.of(12, List.of(8, 6), 3), Seed.of(5)), dir.resolve("model.onnx"));
            Files.writeString(dir.resolve("notes.onnx"), "not a model\n");
            for (String f : List.of("model.onnx", "notes.onnx", "")) {
                dir.resolve(f).toFile().deleteOnExit();
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Stage stage() {
        return new SourceNetworkStage();
    }

    @Override
    protected Map<String, ?> validParameters() {
        return Map.of("file", DIR.resolve("model.onnx").toString());
    }

    @Override
    protected List<InvalidParameters> invalidParameters() {
        return List.of(InvalidParameters.of("file", DIR.resolve("notes.onnx").toString()).mentioning("not an ONNX model"));
    }

    @Override
    protected int seeds() {
        return 2;
    }
}
