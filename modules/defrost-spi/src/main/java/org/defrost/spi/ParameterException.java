package org.defrost.spi;

/**
 * A parameter value that cannot be accepted, naming the parameter: what a {@link ParameterBinder} throws and
 * what {@link Stage#validate} reports as a {@link ParameterProblem}.
 */
public final class ParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient ParameterProblem problem;

    /**
     * @param parameter the parameter's name as written under {@code with:}
     * @param message   what is wrong and what would be accepted
     */
    public ParameterException(String parameter, String message) {
        super(message);
        this.problem = new ParameterProblem(parameter, message);
    }

    /** The parameter and the message, as a stage reports them. */
    public ParameterProblem problem() {
        return problem;
    }
}
