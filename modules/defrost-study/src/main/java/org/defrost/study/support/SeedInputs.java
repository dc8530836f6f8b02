package org.defrost.study.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.defrost.spi.Artifact;
import org.defrost.spi.ArtifactKinds;
import org.defrost.spi.StageContext;

/**
 * One seed's task pair and source network, as a stage that spans seeds receives them: the i-th task pair with the
 * i-th source network.
 *
 * @param taskPair      the seed's task pair
 * @param sourceNetwork the source network S trained on it
 */
public record SeedInputs(Artifact taskPair, Artifact sourceNetwork) {

    /**
     * Every seed's inputs, in the order the engine hands them over.
     *
     * @throws IllegalStateException when the numbers of task pairs and source networks differ
     */
    public static List<SeedInputs> of(StageContext ctx) {
        List<Artifact> pairs = ctx.inputs(ArtifactKinds.TASK_PAIR);
        List<Artifact> sources = ctx.inputs(ArtifactKinds.SOURCE_NETWORK);
        if (pairs.size() != sources.size()) {
            throw new IllegalStateException(pairs.size() + " task pairs but " + sources.size() + " source networks");
        }
        List<SeedInputs> out = new ArrayList<>(pairs.size());
        for (int s = 0; s < pairs.size(); s++) {
            out.add(new SeedInputs(pairs.get(s), sources.get(s)));
        }
        return out;
    }

    /** The seed index of the task pair. */
    public int seedIndex() {
        return taskPair.seedIndex();
    }

    /** The keys of both artifacts: the inputs of a work unit that reads them. */
    public List<String> keys() {
        return List.of(taskPair.key(), sourceNetwork.key());
    }

    /** The directory of S's network files. */
    public Path network() {
        return sourceNetwork.directory().resolve("network");
    }
}
