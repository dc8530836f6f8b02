package org.defrost.tasks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The set sizes that the parameters of every task-pair generator hold, under the names that pipelines and
 * {@code task-pair.json} use.
 */
public interface TaskPairSizes {
    /** {@code sourceTrainSize}: rows of the source training set. */
    int sourceTrainSize();

    /** {@code targetPoolSize}: rows of the target pool, the largest target training set. */
    int targetPoolSize();

    /** {@code sourceTestSize}: rows of the source test set. */
    int sourceTestSize();

    /** {@code targetTestSize}: rows of the target test set. */
    int targetTestSize();

    /** {@code probeSize}: rows of each probe set. */
    int probeSize();

    /** The five sizes by name, in this order, as the parameters' provenance lists them. */
    default Map<String, Object> sizeValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sourceTrainSize", sourceTrainSize());
        m.put("targetPoolSize", targetPoolSize());
        m.put("sourceTestSize", sourceTestSize());
        m.put("targetTestSize", targetTestSize());
        m.put("probeSize", probeSize());
        return m;
    }
}
