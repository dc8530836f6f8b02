package org.defrost.engine.run;

import java.util.List;
import org.defrost.engine.store.StoredArtifact;

/**
 * The body of a message on the units route: the tasks, and slots where each task's processor puts its
 * artifact (and whether it came from cache) or its failure (indexed by {@link UnitTask#index()}, so parallel completion order does not matter).
 */
final class UnitBatch {
    final List<UnitTask> tasks;
    final StoredArtifact[] results;
    final Throwable[] failures;
    final boolean[] cached;

    UnitBatch(List<UnitTask> tasks) {
        this.tasks = List.copyOf(tasks);
        this.results = new StoredArtifact[tasks.size()];
        this.failures = new Throwable[tasks.size()];
        this.cached = new boolean[tasks.size()];
    }
}
