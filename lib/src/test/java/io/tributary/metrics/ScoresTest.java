package io.tributary.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScoresTest {

    @Test
    void roundsToFourPlacesHalfToEven() {
        assertEquals(0.4688, Scores.round4(15 / 32.0));
        assertEquals(0.2812, Scores.round4(9 / 32.0));
        assertEquals(-0.3055, Scores.round4(-0.30549));
        assertTrue(Double.isNaN(Scores.round4(Double.NaN)));
    }

    @Test
    void weightedF1WeighsEachLabelsF1BySupport() {
        int[] truth = {1, 1, 1, 0, 0};
        int[] predicted = {1, 1, 0, 0, 1};
        // label 1: TP 2, support 3, predicted 3 -> F1 2/3; label 0: TP 1, support 2, predicted 2
        // -> F1 1/2; weighted (3 * 2/3 + 2 * 1/2) / 5 = 0.6.
        assertEquals(0.6, Scores.weightedF1(truth, predicted), 1e-12);
        assertEquals(0.6, Scores.accuracy(truth, predicted), 1e-12);
    }

    @Test
    void weightedF1CountsLabelsOnlyPredictedWithWeightZero() {
        int[] truth = {1, 1, 1, 1};
        int[] predicted = {1, 1, 0, 0};
        // label 1: F1 = 2 * 2 / (4 + 2) = 2/3, weight 4; label 0: support 0.
        assertEquals(2 / 3.0, Scores.weightedF1(truth, predicted), 1e-12);
    }

    @Test
    void noClassAgreesWithNothingItselfIncluded() {
        int none = Scores.NO_CLASS;
        int[] truth = {1, 1, 0, none};
        int[] predicted = {1, none, 0, none};
        assertEquals(0.5, Scores.accuracy(truth, predicted), 1e-12);
        // label 0: F1 1, weight 1; label 1: TP 1, support 2, predicted 1 -> F1 2/3, weight 2; the
        // true NO_CLASS: F1 0, weight 1; (1 + 4/3 + 0) / 4 = 7/12.
        assertEquals(7 / 12.0, Scores.weightedF1(truth, predicted), 1e-12);
    }

    @Test
    void meanAbsoluteErrorAndPearson() {
        float[] p = {1f, 2f, 3f};
        float[] y = {2f, 4f, 6f};
        assertEquals(2.0, Scores.meanAbsoluteError(p, y), 1e-12);
        assertEquals(1.0, Scores.pearson(p, y), 1e-12);
        assertEquals(-1.0, Scores.pearson(p, new float[] {3f, 2f, 1f}), 1e-12);
        assertTrue(Double.isNaN(Scores.pearson(p, new float[] {1f, 1f, 1f})));
    }

    @Test
    void refusesArraysOfDifferentLengths() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Scores.accuracy(new int[] {1, 0}, new int[] {1}));
        assertTrue(e.getMessage().contains("2 and 1"), e.getMessage());
    }
}
