package io.tributary.data;

/**
 * One modality of a split as sequences of feature frames: per sample a flat array of {@code steps x
 * dim} floats (frame t at {@code [t * dim, (t + 1) * dim)}), padded to {@code steps}, with the
 * number of valid frames. One flat array per sample keeps memory at the values' own size.
 *
 * @param values per sample, steps x dim floats
 * @param steps frames per sample, padding included
 * @param dim features per frame
 * @param lengths valid frames per sample, 1 to steps (0 only when steps is 0)
 */
public record FeatureSequences(float[][] values, int steps, int dim, int[] lengths) {

    public FeatureSequences {
        if (values.length != lengths.length) {
            throw new IllegalArgumentException(
                    values.length + " samples but " + lengths.length + " lengths");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != (long) steps * dim) {
                throw new IllegalArgumentException(
                        "sample "
                                + i
                                + " has "
                                + values[i].length
                                + " values, expected "
                                + steps
                                + " x "
                                + dim);
            }
            if (lengths[i] < 0 || lengths[i] > steps) {
                throw new IllegalArgumentException(
                        "sample "
                                + i
                                + " has length "
                                + lengths[i]
                                + ", outside [0, "
                                + steps
                                + "]");
            }
        }
    }

    public int size() {
        return values.length;
    }

    /**
     * Lengths when a corpus gives none: the index of the first frame whose values are all zero
     * (padding), or {@code steps} when there is none; at least 1, so that every sample has a frame
     * for a model to pool (a sample of zeros reads as one zero frame).
     */
    public static int[] lengthsFromFirstZeroFrame(float[][] values, int steps, int dim) {
        int[] lengths = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            int length = steps;
            for (int t = 0; t < steps; t++) {
                if (isZero(values[i], t * dim, dim)) {
                    length = t;
                    break;
                }
            }
            lengths[i] = Math.min(steps, Math.max(1, length));
        }
        return lengths;
    }

    private static boolean isZero(float[] row, int from, int count) {
        for (int k = from; k < from + count; k++) {
            if (row[k] != 0f) {
                return false;
            }
        }
        return true;
    }

    /** The samples at {@code indices}, shared, not copied. */
    public FeatureSequences select(int[] indices) {
        int[] picked = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = lengths[indices[i]];
        }
        return new FeatureSequences(MultimodalSplit.pick(values, indices), steps, dim, picked);
    }
}
