package org.defrost.engine.pipeline;

import java.util.List;
import java.util.stream.Collectors;

/** A pipeline file with problems; the message lists every one, one per line. */
public final class InvalidPipelineException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public InvalidPipelineException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
