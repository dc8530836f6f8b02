package org.defrost.similarity;

/**
 * Input a similarity measure cannot be computed on: an unknown measure name, a parameter out of range,
 * representations with different numbers of rows, non-finite values, a missing second representation or
 * missing labels. The message names the offending input and says what was expected.
 */
public class InvalidSimilarityInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSimilarityInputException(String message) {
        super(message);
    }
}
