package io.tributary.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void writesTheShortestDecimalThatReadsBack() {
        assertEquals("0.30000000000000004", Decimals.shortest(0.1 + 0.2));
        assertEquals("0.15000000000000002", Decimals.shortest((0.1 + 0.2) / 2));
        assertEquals("0.8123", Decimals.shortest(0.8123));
        // Java 17's Double.toString writes 2.0000000000000002E23: not the shortest
        assertEquals("200000000000000000000000.0", Decimals.shortest(2e23));
        assertEquals("0.000001", Decimals.shortest(1e-6));
    }

    @Test
    void neverWritesAnExponent() {
        assertEquals("1.0E-4", Double.toString(1e-4));
        assertEquals("0.0001", Decimals.shortest(1e-4));
        assertEquals("0.002", Decimals.shortest(2.0E-3));
        assertEquals("3.0", Decimals.shortest(3));
        assertEquals("-0.0", Decimals.shortest(-0.0));
        assertEquals("-12.5", Decimals.shortest(-12.5));
    }

    @Test
    void nonFiniteValuesAreEmpty() {
        assertEquals("", Decimals.shortest(Double.NaN));
        assertEquals("", Decimals.shortest(Double.POSITIVE_INFINITY));
    }

    @Test
    void everyWrittenValueReadsBack() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            double x = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(x) && Math.abs(x) < 1e30 && Math.abs(x) > 1e-30) {
                assertEquals(x, Double.parseDouble(Decimals.shortest(x)), Decimals.shortest(x));
            }
        }
    }
}
