package org.defrost.nn;

import org.ejml.data.FMatrixRMaj;

/**
 * Inputs with their class labels, one row per sample.
 *
 * @param inputs {@code n × N} float32, row i is sample i. Not copied: callers must not modify it while it
 *               is in use.
 * @param labels length n, class indices (0/1 for binary tasks, 1 = positive; 0..K-1 otherwise)
 */
public record Dataset(FMatrixRMaj inputs, int[] labels) {

    public Dataset {
        if (inputs == null || labels == null) {
            throw new IllegalArgumentException("inputs and labels are required");
        }
        if (inputs.numRows != labels.length) {
            throw new IllegalArgumentException("dataset has " + inputs.numRows + " input rows but "
                    + labels.length + " labels");
        }
    }

    /** n, the number of samples. */
    public int size() {
        return labels.length;
    }

    /** N, the width of an input row. */
    public int inputDim() {
        return inputs.numCols;
    }

    /** Throws unless every label is in {@code 0..classCount-1}, naming the first bad one. */
    public void checkLabels(int classCount) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classCount) {
                throw new IllegalArgumentException("label " + labels[i] + " of sample " + i
                        + " is outside 0.." + (classCount - 1));
            }
        }
    }

    /**
     * Checks a training set and its validation set against a network with {@code inputDim} input columns
     * (described as {@code inputs} in messages) and {@code classCount} classes.
     *
     * @param validation null for none
     * @return the validation set to train with: {@code validation}, or null when it is absent or empty
     * @throws IllegalArgumentException naming the set, for a wrong input width, a label outside the classes or
     *                                  an empty training set
     */
    public static Dataset checkTraining(Dataset train, Dataset validation, int inputDim, String inputs,
                                        int classCount) {
        train.checkFor("training", inputDim, inputs, classCount);
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training set is empty");
        }
        if (validation == null) {
            return null;
        }
        validation.checkFor("validation", inputDim, inputs, classCount);
        return validation.size() == 0 ? null : validation;
    }

    private void checkFor(String name, int inputDim, String inputs, int classCount) {
        if (inputDim() != inputDim) {
            throw new IllegalArgumentException("the " + name + " set has " + inputDim() + " input columns, the network"
                    + " expects " + inputs);
        }
        try {
            checkLabels(classCount);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + name + " set: " + e.getMessage(), e);
        }
    }
}
