package org.defrost.tasks.chmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.defrost.tasks.ErfOracle;
import org.junit.jupiter.api.Test;

class NonlinearityTest {
    private static final float[] Z = {-7.5f, -2f, -0.3f, -0f, 0f, 1e-7f, 0.4f, 1f, 2.5f, 9f};

    @Test
    void eachNonlinearityMatchesItsDefinitionElementWise() {
        for (float z : Z) {
            assertEquals(ErfOracle.erf(z / Math.sqrt(2)), Nonlinearity.ERF.apply(z), 5e-7, "erf at " + z);
            assertEquals(Math.signum(z), Nonlinearity.SIGN.apply(z));
            assertEquals(Math.tanh(z), Nonlinearity.TANH.apply(z), 4e-7, "tanh at " + z);
            assertEquals(z > 0 ? z : 0f, Nonlinearity.RELU.apply(z));
            assertEquals(z, Nonlinearity.LINEAR.apply(z));
        }
    }

    @Test
    void applyTouchesOnlyTheGivenRange() {
        float[] z = {-1f, -1f, -1f, -1f};
        Nonlinearity.RELU.apply(z, 1, 2);
        assertEquals(-1f, z[0]);
        assertEquals(0f, z[1]);
        assertEquals(0f, z[2]);
        assertEquals(-1f, z[3]);
    }

    @Test
    void parsesNamesAndRejectsUnknownOnesNamingTheParameter() {
        assertEquals(Nonlinearity.TANH, Nonlinearity.parse(" Tanh "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nonlinearity.parse("gelu"));
        assertTrue(e.getMessage().startsWith("nonlinearity must be one of [erf, sign, tanh, relu, linear]"),
                e.getMessage());
    }
}
