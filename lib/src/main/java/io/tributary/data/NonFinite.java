package io.tributary.data;

/**
 * How many values of an array were not finite, by kind. Readers replace each of them by 0 (as
 * MMSA's loaders do with {@code -inf}) and report these counts per split and key.
 *
 * @param negativeInfinity values equal to {@code -inf}
 * @param positiveInfinity values equal to {@code +inf}
 * @param nan values that are NaN
 */
public record NonFinite(long negativeInfinity, long positiveInfinity, long nan) {

    public static final NonFinite NONE = new NonFinite(0, 0, 0);

    public long total() {
        return negativeInfinity + positiveInfinity + nan;
    }

    public NonFinite plus(NonFinite other) {
        return new NonFinite(
                negativeInfinity + other.negativeInfinity,
                positiveInfinity + other.positiveInfinity,
                nan + other.nan);
    }

    /** Counts the non-finite values of {@code values} and sets them to 0. */
    public static NonFinite replaceWithZero(float[] values) {
        long negative = 0;
        long positive = 0;
        long nan = 0;
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (Float.isFinite(v)) {
                continue;
            }
            if (Float.isNaN(v)) {
                nan++;
            } else if (v < 0) {
                negative++;
            } else {
                positive++;
            }
            values[i] = 0f;
        }
        return new NonFinite(negative, positive, nan);
    }

    /** {@link #replaceWithZero(float[])} over every row. */
    public static NonFinite replaceWithZero(float[][] rows) {
        NonFinite count = NONE;
        for (float[] row : rows) {
            count = count.plus(replaceWithZero(row));
        }
        return count;
    }
}
