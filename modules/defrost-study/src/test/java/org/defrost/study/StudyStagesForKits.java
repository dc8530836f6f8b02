package org.defrost.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.tasks.stage.ChmmStage;
import org.defrost.tck.Upstream;

/** Tiny configurations of the study's stages for the stage contract kits: each runs in well under a second. */
final class StudyStagesForKits {
    /** A task pair with N = 12 and a few hundred rows. */
    static final Upstream TASKS = Upstream.of(new ChmmStage(), Map.of("inputDim", 12, "sourceLatentDim", 4,
            "targetLatentDim", 4, "sourceTrainSize", 200, "targetPoolSize", 80, "sourceTestSize", 100,
            "targetTestSize", 100, "probeSize", 10));
    /** Training settings that stop after a few epochs on the tiny sets. */
    static final Map<String, Object> QUICK_TRAINING = Map.of("maxEpochs", 3, "patience", 2, "batchSize", 32,
            "validationMinimum", 10);
    /** A source network with one hidden layer of eight units. */
    static final Upstream SOURCE = Upstream.of(new PretrainStage(), with(QUICK_TRAINING, Map.of("hidden", List.of(8))));
    static final Upstream PLAN = Upstream.of(new IncrementalDefrostingStage(), Map.of());

    private StudyStagesForKits() {
    }

    /** {@code base} with {@code more} added or replacing its values. */
    static Map<String, Object> with(Map<String, ?> base, Map<String, ?> more) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        out.putAll(more);
        return out;
    }
}
