package io.tributary.data.pickle;

import io.tributary.data.NonFinite;
import java.util.Map;

/**
 * What {@code ./msa data inspect} reports of a corpus pickle: its format and, per split, the sample
 * count, every key's shape and dtype, label statistics and the non-finite values a read replaces by
 * 0.
 *
 * @param format {@code mmsa}, {@code mag-bert} or {@code mult}
 * @param file the file read
 * @param splits per split name, in the file's order
 */
public record PickleSummary(String format, String file, Map<String, Split> splits) {

    /**
     * One split.
     *
     * @param count samples
     * @param keys per key, shape and dtype ({@code -1} marks a length that varies by sample)
     * @param labels statistics of the label column
     * @param replaced per key whose values a read cleans, the non-finite counts
     */
    public record Split(
            long count,
            Map<String, Key> keys,
            LabelStats labels,
            Map<String, NonFinite> replaced) {}

    /**
     * One key of a split.
     *
     * @param shape numpy's shape
     * @param dtype numpy's dtype name, or the Python type of a non-array value
     */
    public record Key(long[] shape, String dtype) {}

    /**
     * Statistics of a label column (NaN for an empty split).
     *
     * @param key the column
     * @param min smallest value
     * @param max largest value
     * @param mean mean value
     */
    public record LabelStats(String key, double min, double max, double mean) {

        static LabelStats of(String key, float[] values) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (float value : values) {
                min = Math.min(min, value);
                max = Math.max(max, value);
                sum += value;
            }
            if (values.length == 0) {
                return new LabelStats(key, Double.NaN, Double.NaN, Double.NaN);
            }
            return new LabelStats(key, min, max, sum / values.length);
        }
    }
}
