package org.defrost.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.nn.conv.ImageShape;
import org.defrost.spi.Artifact;
import org.defrost.spi.ArtifactWriter;
import org.defrost.spi.ParameterBinder;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.data.FileDigests;

/**
 * {@code source-network}: a source network S given as a file (an ONNX model or a defrost network directory) instead
 * of pre-trained, written as the same {@code source-network} artifact as {@code pretrain}'s, so that the stages after
 * it work unchanged. The file's SHA-256 is part of the stage's keys: a changed file is imported again and everything
 * downstream recomputed. When a task pair comes before it, the network must take the pair's input width.
 */
public final class SourceNetworkStage implements Stage {
    static final String TYPE = "source-network";
    private static final ParameterSpec FILE = ParameterSpec.path("file", null,
            "The ONNX model (.onnx) or the network directory.");
    /** The file to read: the stage's one parameter, bound. */
    private static final ParameterBinder<Path> BINDER = p -> Path.of(p.getString(FILE.name()));

    @Override
    public StageDescriptor descriptor() {
        return new StageDescriptor(TYPE, "1",
                "Uses a network you already have as the source network S instead of pre-training one: an ONNX model "
                        + "(a chain of dense or convolutional layers; docs/onnx.md says which files import) or a defrost network directory "
                        + "(network.json and its tensors, as defrost onnx import or a run's source-network output write "
                        + "them). Writes the same artifact as pretrain, so incremental-defrosting, fine-tune, similarity "
                        + "and report follow unchanged; the readout is replaced by a fresh one for the target's classes. "
                        + "Changing the file's bytes reruns the stage and what depends on it. With a task pair before it, "
                        + "the network must take the pair's number of inputs, and a convolutional network the pair's image "
                        + "shape (X of shape (n, C, H, W) in PyTorch's order; flat rows for one channel only).",
                List.of(FILE),
                List.of(), List.of(ArtifactKinds.TASK_PAIR), List.of(ArtifactKinds.SOURCE_NETWORK), StageScope.EACH_SEED,
                true);
    }

    /** The file must import: an unsupported operator or a foreign file is reported at its line, before anything runs. */
    @Override
    public List<ParameterProblem> validate(Parameters p) {
        Path file = BINDER.bind(p);
        if (!Files.isReadable(file)) {
            return List.of(); // the checks of input files report it, with the reason
        }
        try {
            GivenNetwork.read(file);
            return List.of();
        } catch (IOException | RuntimeException e) {
            return List.of(new ParameterProblem(FILE.name(), e.getMessage()));
        }
    }

    /** The network's width against the task pair's, when its producer declares it (labelled-data does). */
    @Override
    public List<ParameterProblem> checkInputSizes(Parameters p, Map<String, Map<String, Long>> inputSizes) {
        Map<String, Long> sizes = inputSizes.getOrDefault(ArtifactKinds.TASK_PAIR, Map.of());
        Long width = sizes.get(TaskPair.INPUT_DIM);
        if (width == null) {
            return List.of();
        }
        List<Integer> shape = sizes.keySet().containsAll(BlockStudy.SHAPE_SIZES)
                ? BlockStudy.SHAPE_SIZES.stream().map(k -> sizes.get(k).intValue()).toList() : null;
        try {
            GivenNetwork.read(BINDER.bind(p)).requireInput(width.intValue(), shape, "the target data (X)");
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(new ParameterProblem(FILE.name(), e.getMessage()));
        } catch (IOException e) {
            return List.of(); // reported by validate or the checks of input files
        }
    }

    @Override
    public Map<String, String> fileDigests(Parameters p) throws IOException {
        return Map.of(FILE.name(), FileDigests.of(BINDER.bind(p)));
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        Path file = BINDER.bind(ctx.parameters());
        ctx.progress().status("reading " + file.getFileName());
        GivenNetwork given = GivenNetwork.read(file);
        List<Artifact> pairs = ctx.inputs(ArtifactKinds.TASK_PAIR);
        if (!pairs.isEmpty()) {
            TaskPair pair = TaskPair.read(pairs.get(0).directory());
            List<Integer> shape = pair.manifest().inputShape();
            given.requireInput(pair.inputDim(), shape != null && shape.size() == 3 ? shape : null, "the task pair's data");
        }
        ArtifactWriter out = ctx.output(ArtifactKinds.SOURCE_NETWORK);
        given.save(out.directory().resolve("network"), FileDigests.of(file));
        out.putMetadata("sourceFile", file.toAbsolutePath().toString());
        out.putMetadata("hiddenLayers", given.featureLayers());
        out.putMetadata("classes", given.outputs());
        out.putMetadata("inputDim", given.inputWidth());
        if (given.blocks() != null) {
            out.putMetadata("architecture", given.blocks().architecture().text());
            out.putMetadata("blockNames", BlockPretrain.blockNames(given.blocks().architecture()));
            ImageShape image = given.imageShape();
            out.putMetadata(BlockStudy.IMAGE_SHAPE, List.of(image.channels(), image.height(), image.width()));
        }
    }
}
