package org.defrost.service;

import java.util.HashSet;
import java.util.Set;
import org.defrost.engine.run.RunControl;

/** The controls of the runs going on, and whether the service is stopping (then no run may start). */
final class RunningRuns {
    private final Set<RunControl> controls = new HashSet<>();
    private boolean stopping;

    /** Registers a run about to start; false when the service is stopping and it must not start. */
    synchronized boolean add(RunControl control) {
        if (stopping) {
            return false;
        }
        controls.add(control);
        return true;
    }

    synchronized void remove(RunControl control) {
        controls.remove(control);
    }

    synchronized boolean stopping() {
        return stopping;
    }

    synchronized int size() {
        return controls.size();
    }

    /**
     * Lets no further run start and cancels the running ones: they stop at their next poll, keeping every
     * finished artifact.
     *
     * @return false when the service was already stopping
     */
    synchronized boolean stopAll() {
        if (stopping) {
            return false;
        }
        stopping = true;
        controls.forEach(RunControl::cancel);
        return true;
    }
}
