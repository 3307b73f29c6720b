package io.tributary.data.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class IntervalsTest {

    private final Intervals frames =
            new Intervals(new double[] {0, 1, 2, 3, 3}, new double[] {1, 2, 3, 3, 4});

    @Test
    void touchingIsNotOverlapping() {
        assertArrayEquals(new int[] {1}, frames.overlapping(1, 2));
        assertArrayEquals(new int[] {}, frames.overlapping(4, 5));
    }

    @Test
    void partialOverlapCounts() {
        assertArrayEquals(new int[] {0, 1}, frames.overlapping(0.9, 1.1));
        assertArrayEquals(new int[] {0, 1, 2}, frames.overlapping(-5, 2.5));
    }

    @Test
    void zeroLengthRowNeverOverlaps() {
        assertArrayEquals(new int[] {2, 4}, frames.overlapping(2.5, 3.5));
        assertArrayEquals(new int[] {}, frames.overlapping(3, 3));
    }

    @Test
    void unsortedRowsGiveTheSameAnswerInRowOrder() {
        Intervals shuffled = new Intervals(new double[] {3, 0, 2, 1}, new double[] {4, 1, 3, 2});
        assertArrayEquals(new int[] {1, 3}, shuffled.overlapping(0.5, 1.5));
        assertArrayEquals(new int[] {0, 2}, shuffled.overlapping(2.5, 3.5));
    }
}
