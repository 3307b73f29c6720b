package io.tributary.data.sdk;

import java.util.Arrays;

/**
 * The time intervals of a sequence's rows, {@code [start_i, end_i)} in seconds, and the overlap
 * rule that alignment uses: row i overlaps the span {@code [a, b)} when
 *
 * <pre>min(end_i, b) - max(start_i, a) &gt; 0</pre>
 *
 * so intervals that only touch do not overlap, and neither does a zero-length row.
 */
public final class Intervals {

    private final double[] starts;
    private final double[] ends;
    private final boolean sorted;

    /**
     * @param starts the rows' start times
     * @param ends the rows' end times, as many as {@code starts}
     */
    public Intervals(double[] starts, double[] ends) {
        if (starts.length != ends.length) {
            throw new IllegalArgumentException(
                    "starts and ends differ in length: " + starts.length + " != " + ends.length);
        }
        this.starts = starts.clone();
        this.ends = ends.clone();
        this.sorted = nonDecreasing(starts) && nonDecreasing(ends);
    }

    public int size() {
        return starts.length;
    }

    public double start(int row) {
        return starts[row];
    }

    public double end(int row) {
        return ends[row];
    }

    /**
     * The rows that overlap {@code [a, b)}, in row order. Frames recorded in time order (starts and
     * ends non-decreasing) are found by binary search; other rows are all tested.
     */
    public int[] overlapping(double a, double b) {
        int from = sorted ? firstEndAfter(a) : 0;
        int to = sorted ? firstStartAtOrAfter(b) : starts.length;
        int[] rows = new int[Math.max(0, to - from)];
        int count = 0;
        for (int i = from; i < to; i++) {
            if (Math.min(ends[i], b) - Math.max(starts[i], a) > 0) {
                rows[count++] = i;
            }
        }
        return Arrays.copyOf(rows, count);
    }

    private int firstEndAfter(double a) {
        int lo = 0;
        int hi = ends.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] > a) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private int firstStartAtOrAfter(double b) {
        int lo = 0;
        int hi = starts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] >= b) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static boolean nonDecreasing(double[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
