package org.defrost.engine.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The invocations of one stage, split in parallel on the run route, and the failures they met. */
final class Wave {
    final List<Invocation> invocations;
    final List<WorkFailedException> failures = Collections.synchronizedList(new ArrayList<>());

    Wave(List<Invocation> invocations) {
        this.invocations = List.copyOf(invocations);
    }
}
