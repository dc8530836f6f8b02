package org.defrost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.defrost.nn.Network;
import org.defrost.nn.conv.Architecture;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.io.BlockNetworkIo;
import org.defrost.nn.io.NetworkIo;
import org.defrost.onnx.OnnxBlockNetwork;
import org.defrost.onnx.OnnxExport;
import org.defrost.onnx.OnnxImport;
import org.defrost.onnx.OnnxImportException;
import org.defrost.onnx.OnnxModel;
import org.defrost.onnx.OnnxNetwork;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code defrost onnx}: inspect, import and export networks as ONNX files (see docs/onnx.md). */
@Command(name = "onnx", mixinStandardHelpOptions = true,
        description = {"Reads and writes networks as ONNX files (docs/onnx.md)."},
        subcommands = {OnnxCommand.Inspect.class, OnnxCommand.Import.class, OnnxCommand.Export.class},
        footer = {"", "Exit codes: 0 success, 2 invalid input (a file defrost cannot read or import)."})
final class OnnxCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: inspect, import"
                + " or export");
    }

    /**
     * A subcommand whose action reads or writes files: an unreadable or unsupported file prints its message
     * and gives exit code 2.
     */
    abstract static class FileAction implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** The subcommand's work; prints to {@code out}. */
        abstract void perform(PrintWriter out) throws IOException;

        @Override
        public final Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                perform(spec.commandLine().getOut());
                return 0;
            } catch (OnnxImportException e) {
                err.println("defrost: " + e.getMessage());
            } catch (NoSuchFileException e) {
                err.println("defrost: no such file: " + e.getFile());
            } catch (IOException e) {
                err.println("defrost: " + e.getMessage());
            }
            return DefrostCommand.INVALID_INPUT;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = {"Prints which ONNX nodes form which layer (or block, for a convolutional network) of the"
                    + " network defrost would import."})
    static final class Inspect extends FileAction {
        @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX file.")
        Path file;

        @Override
        void perform(PrintWriter out) throws IOException {
            out.println(OnnxImport.readAny(file).describe());
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Imports an ONNX file as a defrost network directory (network.json and one .npy per"
                    + " tensor), the format of the source networks of a run: a fully connected network, or a block"
                    + " network when the file has convolutions or batch normalisation (its input images NHWC).",
                    "The layer (block) mapping is printed and kept under provenance in network.json."})
    static final class Import extends FileAction {
        @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX file.")
        Path file;

        @Parameters(index = "1", paramLabel = "DIR", description = "The network directory to write.")
        Path dir;

        @Override
        void perform(PrintWriter out) throws IOException {
            OnnxModel imported = OnnxImport.readAny(file);
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("importedFrom", file.toAbsolutePath().toString());
            provenance.put("onnxOpset", imported.opset());
            if (imported instanceof OnnxBlockNetwork blocks) {
                provenance.put("blocks", blocks.nodeGroups());
                BlockNetworkIo.save(blocks.network(), dir, provenance);
            } else {
                provenance.put("layers", imported.nodeGroups());
                NetworkIo.save(((OnnxNetwork) imported).network(), dir, provenance);
            }
            out.println(imported.describe());
            out.println("network: " + dir);
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Exports a defrost network directory (a source network, or any network saved by a run)"
                    + " to an ONNX file (opset 13) whose output is the readout's logits. A block network's ONNX"
                    + " input is [batch, C, H, W] (NCHW, as PyTorch takes images)."})
    static final class Export extends FileAction {
        @Parameters(index = "0", paramLabel = "DIR", description = "The network directory (with network.json).")
        Path dir;

        @Parameters(index = "1", paramLabel = "MODEL.onnx", description = "The ONNX file to write.")
        Path file;

        @Override
        void perform(PrintWriter out) throws IOException {
            if (!isBlockNetwork(dir)) {
                Network network = NetworkIo.load(dir);
                OnnxExport.write(network, file);
                out.println("onnx: " + file + " (" + network.spec().inputDim() + " -> "
                        + network.spec().hiddenWidths() + " -> " + network.spec().outputDim() + ", "
                        + network.spec().activation().id() + ")");
                return;
            }
            BlockNetwork network = BlockNetworkIo.load(dir);
            try {
                OnnxExport.write(network, file);
            } catch (IllegalArgumentException e) {
                throw new IOException(dir + ": " + e.getMessage(), e);
            }
            Architecture a = network.architecture();
            out.println("onnx: " + file + " (" + a.input() + " -> " + a.text() + " -> " + a.outputs() + ", "
                    + a.activation().id() + ")");
        }

        /** Whether {@code dir}'s network.json holds a block network ({@link BlockNetworkIo#FORMAT}). */
        private static boolean isBlockNetwork(Path dir) throws IOException {
            try (InputStream in = Files.newInputStream(dir.resolve(NetworkIo.JSON))) {
                JsonNode root = new ObjectMapper().readTree(in);
                return root != null && BlockNetworkIo.FORMAT.equals(root.path("format").asText());
            }
        }
    }
}
