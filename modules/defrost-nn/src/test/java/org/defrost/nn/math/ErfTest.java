package org.defrost.nn.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ErfTest {
    /** (x, erf(x)) to 17 significant digits, computed in 30-digit arithmetic. */
    private static final double[][] KNOWN = {
        {1e-10, 1.1283791670955126e-10},
        {0.01, 0.011283415555849617},
        {0.1, 0.11246291601828489},
        {0.5, 0.52049987781304654},
        {0.84375, 0.76722566123234163},
        {1.0, 0.84270079294971487},
        {1.5, 0.96610514647531073},
        {2.0, 0.99532226501895273},
        {2.5, 0.99959304798255504},
        {3.0, 0.99997790950300141},
        {4.0, 0.99999998458274210},
        {5.0, 0.99999999999846254},
    };

    @Test
    void doublePathMatchesTabulatedValuesToAboutOneUlp() {
        for (double[] xv : KNOWN) {
            double got = Erf.erf(xv[0]);
            assertEquals(xv[1], got, 4 * Math.ulp(xv[1]), "erf(" + xv[0] + ")");
            assertEquals(-xv[1], Erf.erf(-xv[0]), 4 * Math.ulp(xv[1]), "erf(-" + xv[0] + ")");
        }
    }

    @Test
    void floatPathIsWithinOneFloatUlpOfTabulatedValues() {
        for (double[] xv : KNOWN) {
            float x = (float) xv[0];
            // the tabulated value is for the double x; correct for the rounding of x to float
            double exact = xv[1] + (x - xv[0]) * 2 / Math.sqrt(Math.PI) * Math.exp(-xv[0] * xv[0]);
            assertEquals(exact, Erf.erf(x), Math.ulp((float) exact), "erf(" + x + "f)");
        }
    }

    @Test
    void floatPathAgreesWithDoublePathOnADenseGrid() {
        for (int i = -60000; i <= 60000; i++) {
            float x = i * 1e-4f;
            double reference = Erf.erf((double) x);
            float got = Erf.erf(x);
            assertTrue(Math.abs(got - reference) <= Math.ulp((float) reference),
                    "erf(" + x + "f) = " + got + ", double path " + reference);
        }
    }

    @Test
    void limitsSymmetryAndNaN() {
        assertEquals(1.0, Erf.erf(6.0));
        assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
        assertEquals(1f, Erf.erf(10f));
        assertEquals(0.0, Erf.erf(0.0));
        assertEquals(-0.0, Erf.erf(-0.0));
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
        assertTrue(Float.isNaN(Erf.erf(Float.NaN)));
    }

    @Test
    void isMonotoneAcrossTheBranchPoints() {
        double[] joints = {1e-9, 2.5, 6.0};
        for (double j : joints) {
            double before = Erf.erf(Math.nextDown(j));
            double at = Erf.erf(j);
            double after = Erf.erf(Math.nextUp(j));
            assertTrue(before <= at && at <= after, "not monotone at " + j);
        }
        float[] floatJoints = {1f, 2.5f, 6f};
        for (float j : floatJoints) {
            assertTrue(Erf.erf(Math.nextDown(j)) <= Erf.erf(j) && Erf.erf(j) <= Erf.erf(Math.nextUp(j)),
                    "float path not monotone at " + j);
        }
    }
}
