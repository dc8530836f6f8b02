package org.defrost.spi;

/**
 * A parameter value a stage cannot accept.
 *
 * @param parameter the parameter's name as written under {@code with:}
 * @param message   what is wrong and what would be accepted
 */
public record ParameterProblem(String parameter, String message) {
}
