package org.defrost.tasks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassGroupingTest {
    @Test
    void groupsBecomeLabelsInOrderAndOtherClassesAreLeftOut() {
        ClassGrouping g = ClassGrouping.parse("targetGroups", List.of("0, 2,4", "1 3"));
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, -1}, g.labelTable(6));
        assertEquals(2, g.labels());
        assertEquals(List.of("a+c+e", "b+d"), g.labelNames(List.of("a", "b", "c", "d", "e", "f")));
        assertEquals(List.of("0,2,4", "1,3"), g.toStrings());
        assertEquals(g, ClassGrouping.parse("x", g.toStrings()));
    }

    @Test
    void badGroupingsAreRejectedNamingTheParameter() {
        assertMessage("sourceGroups must have at least 2 groups (one per label), got 1", List.of("0,1"));
        assertMessage("sourceGroups lists class 1 in more than one group", List.of("0,1", "1,2"));
        assertMessage("sourceGroups has 'x' in group 'x', which is not a class index", List.of("0", "x"));
        assertMessage("sourceGroups has an empty group: [0, ]", List.of("0", " "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassGrouping.ofClasses(3, 12).check("targetGroups", 10));
        assertEquals("targetGroups names class 12, which does not exist; the dataset has classes 0..9", e.getMessage());
    }

    private static void assertMessage(String message, List<String> groups) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassGrouping.parse("sourceGroups", groups));
        assertEquals(message, e.getMessage());
    }
}
