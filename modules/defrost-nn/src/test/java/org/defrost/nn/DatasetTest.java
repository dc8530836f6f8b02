package org.defrost.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class DatasetTest {
    private static Dataset data(int rows, int cols, int... labels) {
        return new Dataset(new FMatrixRMaj(rows, cols), labels);
    }

    @Test
    void checkTrainingKeepsAUsableValidationSetAndDropsAnEmptyOne() {
        Dataset train = data(3, 4, 0, 1, 2);
        Dataset validation = data(2, 4, 2, 0);
        assertSame(validation, Dataset.checkTraining(train, validation, 4, "4", 3));
        assertNull(Dataset.checkTraining(train, data(0, 4), 4, "4", 3));
        assertNull(Dataset.checkTraining(train, null, 4, "4", 3));
    }

    @Test
    void checkTrainingNamesTheSetAndWhatIsWrong() {
        Dataset train = data(2, 4, 0, 1);
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> Dataset.checkTraining(train, null, 5, "(1, 5)", 2));
        assertEquals("the training set has 4 input columns, the network expects (1, 5)", width.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> Dataset.checkTraining(train, data(1, 4, 2), 4, "4", 2));
        assertEquals("the validation set: label 2 of sample 0 is outside 0..1", label.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Dataset.checkTraining(data(0, 4), null, 4, "4", 2));
        assertEquals("the training set is empty", empty.getMessage());
    }
}
