package org.defrost.tasks.chmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.defrost.tasks.ErfOracle;
import org.junit.jupiter.api.Test;

class FloatFunctionsTest {
    @Test
    void erfAgreesWithTheSeriesOracleToFiveTenMillionthsOnMinusSixToSix() {
        double worst = 0;
        for (int i = -600_000; i <= 600_000; i++) {
            float x = i * 1e-5f;
            worst = Math.max(worst, Math.abs(FloatFunctions.erf(x) - ErfOracle.erf(x)));
        }
        assertTrue(worst < 5e-7, "max error " + worst);
    }

    @Test
    void tanhAgreesWithStrictMathToFourTenMillionthsOnMinusTwelveToTwelve() {
        double worst = 0;
        double worstRelativeNearZero = 0;
        for (int i = -1_200_000; i <= 1_200_000; i++) {
            float x = i * 1e-5f;
            double exact = StrictMath.tanh(x);
            worst = Math.max(worst, Math.abs(FloatFunctions.tanh(x) - exact));
            if (Math.abs(x) < 0.01 && x != 0) {
                worstRelativeNearZero = Math.max(worstRelativeNearZero, Math.abs(FloatFunctions.tanh(x) / exact - 1));
            }
        }
        assertTrue(worst < 4e-7, "max error " + worst);
        assertTrue(worstRelativeNearZero < 3e-7, "max relative error near 0 " + worstRelativeNearZero);
    }

    @Test
    void bothAreOddBoundedAndSaturate() {
        for (float x = 0; x < 20; x += 0.01f) {
            assertEquals(-FloatFunctions.erf(x), FloatFunctions.erf(-x));
            assertEquals(-FloatFunctions.tanh(x), FloatFunctions.tanh(-x));
            assertTrue(Math.abs(FloatFunctions.erf(x)) <= 1f && Math.abs(FloatFunctions.tanh(x)) <= 1f);
        }
        assertEquals(1f, FloatFunctions.erf(50f));
        assertEquals(-1f, FloatFunctions.erf(Float.NEGATIVE_INFINITY));
        assertEquals(1f, FloatFunctions.tanh(Float.POSITIVE_INFINITY));
        assertEquals(0f, FloatFunctions.erf(0f));
        assertEquals(0f, FloatFunctions.tanh(0f));
    }
}
