package org.defrost.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.defrost.spi.ParameterException;
import org.defrost.tasks.chmm.Nonlinearity;
import org.defrost.tasks.data.InputChange;
import org.defrost.tasks.data.Standardisation;
import org.junit.jupiter.api.Test;

class ChoiceTest {

    @Test
    void idsAreLowerCaseNamesWithHyphensInDeclarationOrder() {
        assertEquals(List.of("global", "per-feature", "none"), Choice.ids(Standardisation.class));
        assertEquals(List.of("none", "noise", "permutation", "rotation"), Choice.ids(InputChange.Kind.class));
        assertEquals(List.of("erf", "sign", "tanh", "relu", "linear"), Choice.ids(Nonlinearity.class));
        assertEquals("per-feature", Standardisation.PER_FEATURE.id());
    }

    @Test
    void parsingIgnoresCaseAndBlanksAndEveryIdParsesBack() {
        assertEquals(Standardisation.PER_FEATURE, Standardisation.parse(" Per-Feature "));
        for (InputChange.Kind k : InputChange.Kind.values()) {
            assertEquals(k, InputChange.Kind.parse(k.id()));
        }
    }

    @Test
    void anUnknownIdNamesTheParameterAndTheAcceptedIds() {
        ParameterException e = assertThrows(ParameterException.class, () -> Standardisation.parse("per_feature"));
        assertEquals("standardisation", e.problem().parameter());
        assertEquals("standardisation must be one of [global, per-feature, none], got 'per_feature'", e.getMessage());
    }
}
