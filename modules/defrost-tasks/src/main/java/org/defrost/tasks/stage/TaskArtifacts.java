package org.defrost.tasks.stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.defrost.spi.ArtifactKinds;
import org.defrost.spi.ArtifactWriter;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.TaskRole;

/** Writes the outputs every task-generation stage shares. */
final class TaskArtifacts {
    static final String TASK_PAIR = ArtifactKinds.TASK_PAIR;
    static final String SOURCE_TASK = ArtifactKinds.SOURCE_TASK;

    private TaskArtifacts() {
    }

    /**
     * Copies the source training and test sets of {@code pair} into the source-task artifact and records the
     * shape of both tasks as metadata of both artifacts.
     */
    static void finish(TaskPair pair, ArtifactWriter pairOut, ArtifactWriter sourceOut) throws IOException {
        for (TaskPairSet set : new TaskPairSet[] {TaskPairSet.SOURCE_TRAIN, TaskPairSet.SOURCE_TEST}) {
            copy(pair.directory(), sourceOut.directory(), set.inputsFile());
            copy(pair.directory(), sourceOut.directory(), set.labelsFile());
        }
        for (ArtifactWriter out : new ArtifactWriter[] {pairOut, sourceOut}) {
            out.putMetadata("inputDim", pair.inputDim());
            out.putMetadata("inputShape", pair.manifest().inputShape());
            out.putMetadata("classes", pair.classes(TaskRole.SOURCE));
            out.putMetadata("sourceTrainSize", pair.size(TaskPairSet.SOURCE_TRAIN));
        }
        pairOut.putMetadata("targetClasses", pair.classes(TaskRole.TARGET));
        pairOut.putMetadata("targetPoolSize", pair.size(TaskPairSet.TARGET_POOL));
        pairOut.putMetadata("relation", pair.manifest().relation());
    }

    private static void copy(Path from, Path to, String relative) throws IOException {
        Path target = to.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.copy(from.resolve(relative), target);
    }
}
