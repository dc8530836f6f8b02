package org.defrost.study;

import java.io.IOException;
import java.nio.file.Path;
import org.defrost.nn.Dataset;
import org.defrost.npy.Npy;
import org.defrost.npy.NpyArray;
import org.defrost.spi.Artifact;
import org.defrost.tasks.InvalidDatasetException;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TaskPairSet;

/** Reads labelled sets stored as {@code <stem>_x.npy} (float32, n × N) and {@code <stem>_y.npy} (int32, n). */
final class TaskData {
    private TaskData() {
    }

    /** The set {@code set} of the artifact's directory. */
    static LabelledSet read(Artifact artifact, TaskPairSet set) throws IOException {
        return read(artifact.directory(), set);
    }

    static LabelledSet read(Path dir, TaskPairSet set) throws IOException {
        Path xFile = dir.resolve(set.inputsFile());
        Path yFile = dir.resolve(set.labelsFile());
        NpyArray x = Npy.read(xFile);
        NpyArray y = Npy.read(yFile);
        if (x.shape().length != 2) {
            throw new InvalidDatasetException(xFile, "expected a 2-D array of inputs, found shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        if (y.size() != x.rows()) {
            throw new InvalidDatasetException(yFile, y.size() + " labels for " + x.rows() + " inputs");
        }
        return new LabelledSet(x.asFloats(), y.asInts(), x.cols());
    }

    /** The set as the numerical core's dataset (inputs share the set's array). */
    static Dataset dataset(LabelledSet set) {
        return new Dataset(set.inputMatrix(), set.labels());
    }
}
