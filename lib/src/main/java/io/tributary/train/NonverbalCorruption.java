package io.tributary.train;

import com.google.gson.annotations.SerializedName;
import io.tributary.core.Choices;
import io.tributary.core.InputException;
import io.tributary.data.FeatureSequences;
import io.tributary.data.MultimodalSplit;
import java.util.Arrays;
import java.util.Random;

/**
 * The nonverbal frames of a split corrupted at a rate r in [0, 1], to measure how a trained model
 * holds up (what {@code ./msa robustness} evaluates); the text and labels are left alone. Per
 * sample of n valid frames (padding is never touched):
 *
 * <pre>
 *   random-drop      round(r n) of its valid frames, drawn at random, set to zero
 *   structural-drop  one contiguous span of round(r n) valid frames, at a random start, set to zero
 *                    (as LNLN and Robust-MSA/OpenVNA drop segments)
 *   gaussian         x + r s z on every valid value, z ~ N(0, 1), s the feature's standard
 *                    deviation (ddof 0) over the split's valid frames
 *   swap             the whole stream (frames and length) of round(r N) of the N samples, drawn
 *                    at random, replaced by another sample's, drawn at random among the others
 * </pre>
 *
 * (round: to the nearest integer, halves up.) Every stream draws its random numbers from a new
 * {@code Random(seed)} in an order that does not depend on r, so the corruption is the same for
 * every run evaluated, and nested in r: what a lower rate drops, a higher rate drops too, and the
 * noise z is the same at every rate. With both streams corrupted, the same draws serve both: a
 * sample loses the same frame positions, or gets the same donor, in either stream.
 *
 * @param kind what is done to the frames
 * @param streams which nonverbal streams
 * @param seed the seed of the draws
 */
public record NonverbalCorruption(Kind kind, Streams streams, long seed) {

    /** The seed of {@code ./msa robustness} unless another is given. */
    public static final long DEFAULT_SEED = 1111;

    /** What is done to the frames. */
    public enum Kind {
        @SerializedName("random-drop")
        RANDOM_DROP,
        @SerializedName("structural-drop")
        STRUCTURAL_DROP,
        @SerializedName("gaussian")
        GAUSSIAN,
        @SerializedName("swap")
        SWAP
    }

    /** Which nonverbal streams are corrupted. */
    public enum Streams {
        @SerializedName("acoustic")
        ACOUSTIC,
        @SerializedName("visual")
        VISUAL,
        @SerializedName("both")
        BOTH
    }

    /**
     * The corruption called {@code corrupt} ({@code random-drop}, ...) of {@code modality} ({@code
     * acoustic}, {@code visual} or {@code both}), as {@code ./msa robustness} names them; another
     * name is an {@link InputException} naming the option and the choices.
     */
    public static NonverbalCorruption parse(String corrupt, String modality, long seed) {
        try {
            return new NonverbalCorruption(
                    Choices.parse("--corrupt", corrupt, Kind.class),
                    Choices.parse("--modality", modality, Streams.class),
                    seed);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    /** The split with its chosen streams corrupted at {@code rate}. */
    public MultimodalSplit apply(MultimodalSplit split, double rate) {
        FeatureSequences audio = split.audio();
        FeatureSequences vision = split.vision();
        return split.withNonverbal(
                streams == Streams.VISUAL ? audio : corrupt(audio, rate),
                streams == Streams.ACOUSTIC ? vision : corrupt(vision, rate));
    }

    /** One stream corrupted at {@code rate}; a copy, the input is left as it was. */
    public FeatureSequences corrupt(FeatureSequences frames, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("a corruption rate is in [0, 1], was " + rate);
        }
        Random random = new Random(seed);
        float[][] values = new float[frames.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = frames.values()[i].clone();
        }
        int[] lengths = frames.lengths().clone();
        int dim = frames.dim();
        switch (kind) {
            case RANDOM_DROP -> {
                for (int i = 0; i < values.length; i++) {
                    int[] order = permutation(lengths[i], random);
                    for (int j = 0; j < count(rate, lengths[i]); j++) {
                        zero(values[i], order[j], dim);
                    }
                }
            }
            case STRUCTURAL_DROP -> {
                for (int i = 0; i < values.length; i++) {
                    double u = random.nextDouble();
                    int span = count(rate, lengths[i]);
                    int start = (int) (u * (lengths[i] - span + 1));
                    for (int t = start; t < start + span; t++) {
                        zero(values[i], t, dim);
                    }
                }
            }
            case GAUSSIAN -> {
                double[] std = featureStd(frames);
                for (int i = 0; i < values.length; i++) {
                    for (int k = 0; k < lengths[i] * dim; k++) {
                        values[i][k] += (float) (rate * std[k % dim] * random.nextGaussian());
                    }
                }
            }
            case SWAP -> {
                int n = values.length;
                if (n < 2 && count(rate, n) > 0) {
                    throw new IllegalArgumentException("swap needs two samples, found " + n);
                }
                int[] order = permutation(n, random);
                for (int j = 0; j < count(rate, n); j++) {
                    int i = order[j];
                    int donor = random.nextInt(n - 1);
                    donor += donor >= i ? 1 : 0;
                    values[i] = frames.values()[donor].clone();
                    lengths[i] = frames.lengths()[donor];
                }
            }
        }
        return new FeatureSequences(values, frames.steps(), dim, lengths);
    }

    /** round(rate n), halves up. */
    private static int count(double rate, int n) {
        return (int) Math.round(rate * n);
    }

    /** A uniformly random order of 0 .. n-1 (Fisher-Yates, n - 1 draws). */
    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static void zero(float[] sample, int frame, int dim) {
        Arrays.fill(sample, frame * dim, (frame + 1) * dim, 0f);
    }

    /** Each feature's standard deviation (ddof 0) over every sample's valid frames. */
    static double[] featureStd(FeatureSequences frames) {
        int dim = frames.dim();
        long count = Arrays.stream(frames.lengths()).asLongStream().sum();
        double[] mean = new double[dim];
        for (int i = 0; i < frames.size(); i++) {
            for (int k = 0; k < frames.lengths()[i] * dim; k++) {
                mean[k % dim] += frames.values()[i][k];
            }
        }
        double[] std = new double[dim];
        for (int d = 0; d < dim; d++) {
            mean[d] /= Math.max(1, count);
        }
        for (int i = 0; i < frames.size(); i++) {
            for (int k = 0; k < frames.lengths()[i] * dim; k++) {
                double deviation = frames.values()[i][k] - mean[k % dim];
                std[k % dim] += deviation * deviation;
            }
        }
        for (int d = 0; d < dim; d++) {
            std[d] = Math.sqrt(std[d] / Math.max(1, count));
        }
        return std;
    }
}
