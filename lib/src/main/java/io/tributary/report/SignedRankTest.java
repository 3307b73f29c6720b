package io.tributary.report;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The exact two-sided Wilcoxon signed-rank test of paired samples x and y, as scipy 1.17's {@code
 * wilcoxon(x, y, method="exact")} computes it.
 *
 * <p>d_i = x_i - y_i; the n differences that are not exactly zero are kept. r+ is the sum of the
 * average ranks of |d_i| over the positive d_i. R is the signed-rank statistic of n differences
 * without ties: the sum of a uniformly random subset of {1, ..., n}, whose 2^n subsets are counted
 * by sum with a dynamic programme. Then p = min(1, 2 min(P(R >= floor(r+)), P(R <= ceil(r+)))).
 */
public final class SignedRankTest {

    private SignedRankTest() {}

    /** The two-sided p value; NaN when no difference is left (scipy would say 1.0 there). */
    public static double pValue(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "Expected paired samples of one length, found "
                            + x.length
                            + " and "
                            + y.length);
        }
        double[] d =
                IntStream.range(0, x.length)
                        .mapToDouble(i -> x[i] - y[i])
                        .filter(v -> v != 0)
                        .toArray();
        int n = d.length;
        if (n == 0) {
            return Double.NaN;
        }
        double[] ranks = averageRanks(Arrays.stream(d).map(Math::abs).toArray());
        double rPlus = 0;
        for (int i = 0; i < n; i++) {
            rPlus += d[i] > 0 ? ranks[i] : 0;
        }
        double[] counts = subsetSums(n);
        double total = Math.pow(2, n);
        double atLeast = 0;
        for (int s = (int) Math.floor(rPlus); s < counts.length; s++) {
            atLeast += counts[s];
        }
        double atMost = 0;
        for (int s = 0; s <= (int) Math.ceil(rPlus); s++) {
            atMost += counts[s];
        }
        return Math.min(1, 2 * Math.min(atLeast, atMost) / total);
    }

    /** Ranks 1..n of {@code values}, ties given the average of the ranks they span. */
    static double[] averageRanks(double[] values) {
        Integer[] order =
                IntStream.range(0, values.length)
                        .boxed()
                        .sorted(Comparator.comparingDouble(i -> values[i]))
                        .toArray(Integer[]::new);
        double[] ranks = new double[values.length];
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }

    /** counts[s]: how many subsets of {1, ..., n} sum to s, for s in 0..n(n+1)/2. */
    static double[] subsetSums(int n) {
        double[] counts = new double[n * (n + 1) / 2 + 1];
        counts[0] = 1;
        for (int k = 1; k <= n; k++) {
            for (int s = counts.length - 1; s >= k; s--) {
                counts[s] += counts[s - k];
            }
        }
        return counts;
    }
}
