package org.defrost.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NearestNameTest {
    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, NearestName.editDistance("cka", "cka"));
        assertEquals(3, NearestName.editDistance("kitten", "sitting"));
        assertEquals(4, NearestName.editDistance("", "abcd"));
        assertEquals(2, NearestName.editDistance("ab", "ba"));
    }

    @Test
    void theClosestNameWithinAThirdOfTheWordIsSuggestedIgnoringCase() {
        List<String> known = List.of("linear-cka", "rbf-cka", "svcca");
        assertEquals(Optional.of("linear-cka"), NearestName.closest("Linear-CKA", known));
        assertEquals(Optional.of("rbf-cka"), NearestName.closest("rfb-cka", known));
        assertEquals(Optional.empty(), NearestName.closest("procrustes", known));
    }

    @Test
    void theFirstOfEquallyNearNamesWins() {
        assertEquals(Optional.of("ab"), NearestName.closest("a", List.of("ab", "ac")));
    }
}
