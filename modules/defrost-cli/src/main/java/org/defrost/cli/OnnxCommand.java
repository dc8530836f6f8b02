package org.defrost.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.defrost.nn.Network;
import org.defrost.nn.io.NetworkIo;
import org.defrost.onnx.MappedLayer;
import org.defrost.onnx.OnnxExport;
import org.defrost.onnx.OnnxImport;
import org.defrost.onnx.OnnxImportException;
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
            description = {"Prints which ONNX nodes form which layer of the network defrost would import."})
    static final class Inspect extends FileAction {
        @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX file.")
        Path file;

        @Override
        void perform(PrintWriter out) throws IOException {
            out.println(OnnxImport.read(file).describe());
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Imports an ONNX file as a defrost network directory (network.json and one .npy per"
                    + " tensor), the format of the source networks of a run.",
                    "The layer mapping is printed and kept under provenance in network.json."})
    static final class Import extends FileAction {
        @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX file.")
        Path file;

        @Parameters(index = "1", paramLabel = "DIR", description = "The network directory to write.")
        Path dir;

        @Override
        void perform(PrintWriter out) throws IOException {
            OnnxNetwork imported = OnnxImport.read(file);
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("importedFrom", file.toAbsolutePath().toString());
            provenance.put("onnxOpset", imported.opset());
            provenance.put("layers", imported.layers().stream().map(MappedLayer::nodes).toList());
            NetworkIo.save(imported.network(), dir, provenance);
            out.println(imported.describe());
            out.println("network: " + dir);
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Exports a defrost network directory (a source network, or any network saved by a run)"
                    + " to an ONNX file (opset 13) whose output is the readout's logits."})
    static final class Export extends FileAction {
        @Parameters(index = "0", paramLabel = "DIR", description = "The network directory (with network.json).")
        Path dir;

        @Parameters(index = "1", paramLabel = "MODEL.onnx", description = "The ONNX file to write.")
        Path file;

        @Override
        void perform(PrintWriter out) throws IOException {
            Network network = NetworkIo.load(dir);
            OnnxExport.write(network, file);
            out.println("onnx: " + file + " (" + network.spec().inputDim() + " -> "
                    + network.spec().hiddenWidths() + " -> " + network.spec().outputDim() + ", "
                    + network.spec().activation().id() + ")");
        }
    }

}
