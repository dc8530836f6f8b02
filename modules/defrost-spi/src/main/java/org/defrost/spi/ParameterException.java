package org.defrost.spi;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Parameter values that cannot be accepted, each naming its parameter: what a {@link ParameterBinder} throws and
 * what {@link Stage#validate} reports as {@link ParameterProblem}s. Usually one problem; a binder built from
 * independent parts with {@link ParameterParts} throws every failing part's problems together.
 */
public final class ParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<ParameterProblem> problems;

    /**
     * One problem.
     *
     * @param parameter the parameter's name as written under {@code with:}
     * @param message   what is wrong and what would be accepted; also this exception's message
     */
    public ParameterException(String parameter, String message) {
        this(List.of(new ParameterProblem(parameter, message)));
    }

    /**
     * Several problems, in the order they are to be reported. The message is the one problem's message, or for
     * several, each as {@code parameter: message}, joined by {@code "; "}.
     *
     * @throws IllegalArgumentException for an empty list
     */
    public ParameterException(List<ParameterProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(List<ParameterProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ParameterException needs at least one problem");
        }
        return problems.size() == 1 ? problems.get(0).message()
                : problems.stream().map(p -> p.parameter() + ": " + p.message()).collect(Collectors.joining("; "));
    }

    /** The first problem, as a stage reports it. */
    public ParameterProblem problem() {
        return problems.get(0);
    }

    /** Every problem, in order; never empty. */
    public List<ParameterProblem> problems() {
        return problems;
    }
}
