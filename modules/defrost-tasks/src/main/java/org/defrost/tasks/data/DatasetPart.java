package org.defrost.tasks.data;

import java.util.Arrays;
import org.defrost.tasks.LabelledSet;

/**
 * One labelled part of a dataset as read from its files, with labels already checked against the
 * declared classes and inputs checked finite.
 *
 * @param samples    inputs (flattened rows) and labels
 * @param inputShape shape of one input before flattening, e.g. {@code [28, 28]}; its product is the
 *                   number of features
 * @param origin     the files it came from, for messages
 */
public record DatasetPart(LabelledSet samples, int[] inputShape, String origin) {

    public DatasetPart {
        inputShape = inputShape.clone();
        long product = 1;
        for (int d : inputShape) {
            product *= d;
        }
        if (product != samples.features()) {
            throw new IllegalArgumentException(origin + ": input shape " + Arrays.toString(inputShape)
                    + " does not match " + samples.features() + " features");
        }
    }
}
