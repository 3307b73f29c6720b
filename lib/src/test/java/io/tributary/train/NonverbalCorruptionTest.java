package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.bert.WordPieceTokenizer;
import io.tributary.data.FeatureSequences;
import io.tributary.data.MultimodalSplit;
import io.tributary.data.SyntheticData;
import io.tributary.train.NonverbalCorruption.Kind;
import io.tributary.train.NonverbalCorruption.Streams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each corruption does what it says on arrays whose every valid value is non-zero and whose padding
 * holds a sentinel, so that a zeroed frame and a touched padding frame both show.
 */
class NonverbalCorruptionTest {

    private static final int STEPS = 12;
    private static final int DIM = 3;
    private static final float PADDING = 99f;

    /** 40 samples of 1 to 12 valid frames, values in [1, 2) times a per-feature scale. */
    private static FeatureSequences frames() {
        Random random = new Random(5);
        int n = 40;
        float[][] values = new float[n][STEPS * DIM];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = 1 + i % STEPS;
            for (int k = 0; k < STEPS * DIM; k++) {
                values[i][k] =
                        k < lengths[i] * DIM ? (1 + random.nextFloat()) * (1 + k % DIM) : PADDING;
            }
        }
        return new FeatureSequences(values, STEPS, DIM, lengths);
    }

    private static FeatureSequences corrupt(Kind kind, long seed, double rate) {
        return new NonverbalCorruption(kind, Streams.BOTH, seed).corrupt(frames(), rate);
    }

    @Test
    void theSameSeedGivesTheSameCorruptionAndAnotherSeedAnother() {
        for (Kind kind : Kind.values()) {
            FeatureSequences a = corrupt(kind, 1111, 0.5);
            FeatureSequences b = corrupt(kind, 1111, 0.5);
            assertTrue(Arrays.deepEquals(a.values(), b.values()), kind.toString());
            assertArrayEquals(a.lengths(), b.lengths(), kind.toString());
            FeatureSequences other = corrupt(kind, 1112, 0.5);
            assertFalse(Arrays.deepEquals(a.values(), other.values()), kind.toString());
        }
    }

    @Test
    void rateZeroChangesNothingAndTheInputIsNeverChanged() {
        FeatureSequences clean = frames();
        for (Kind kind : Kind.values()) {
            FeatureSequences input = frames();
            FeatureSequences none =
                    new NonverbalCorruption(kind, Streams.BOTH, 7).corrupt(input, 0);
            assertTrue(Arrays.deepEquals(clean.values(), none.values()), kind.toString());
            new NonverbalCorruption(kind, Streams.BOTH, 7).corrupt(input, 1);
            assertTrue(Arrays.deepEquals(clean.values(), input.values()), kind.toString());
            assertArrayEquals(clean.lengths(), input.lengths(), kind.toString());
        }
    }

    @Test
    void randomDropZeroesThatFractionOfEachSamplesValidFramesAndNoPadding() {
        FeatureSequences clean = frames();
        for (double rate : new double[] {0.25, 0.5, 1}) {
            FeatureSequences dropped = corrupt(Kind.RANDOM_DROP, 1111, rate);
            for (int i = 0; i < clean.size(); i++) {
                int length = clean.lengths()[i];
                List<Integer> zeroed = zeroedFrames(dropped, i);
                assertEquals(Math.round(rate * length), zeroed.size(), "sample " + i);
                assertTrue(zeroed.stream().allMatch(t -> t < length), "sample " + i);
                assertUntouchedExcept(clean, dropped, i, zeroed);
            }
        }
    }

    @Test
    void whatALowerRateDropsAHigherRateDropsToo() {
        FeatureSequences lower = corrupt(Kind.RANDOM_DROP, 1111, 0.3);
        FeatureSequences higher = corrupt(Kind.RANDOM_DROP, 1111, 0.6);
        for (int i = 0; i < lower.size(); i++) {
            assertTrue(zeroedFrames(higher, i).containsAll(zeroedFrames(lower, i)), "sample " + i);
        }
    }

    @Test
    void structuralDropZeroesOneContiguousSpanOfThatFraction() {
        FeatureSequences clean = frames();
        FeatureSequences dropped = corrupt(Kind.STRUCTURAL_DROP, 1111, 0.5);
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < clean.size(); i++) {
            int length = clean.lengths()[i];
            List<Integer> zeroed = zeroedFrames(dropped, i);
            assertEquals(Math.round(0.5 * length), zeroed.size(), "sample " + i);
            if (!zeroed.isEmpty()) {
                int first = zeroed.get(0);
                int last = zeroed.get(zeroed.size() - 1);
                assertEquals(zeroed.size(), last - first + 1, "sample " + i + ": " + zeroed);
                assertTrue(last < length, "sample " + i);
                starts.add(first);
            }
            assertUntouchedExcept(clean, dropped, i, zeroed);
        }
        assertTrue(starts.stream().distinct().count() > 1, "the span starts at random: " + starts);
    }

    @Test
    void gaussianNoiseHasTheRateTimesEachFeaturesStdAndSparesThePadding() {
        FeatureSequences clean = frames();
        double[] std = NonverbalCorruption.featureStd(clean);
        double rate = 0.8;
        FeatureSequences noisy = corrupt(Kind.GAUSSIAN, 1111, rate);
        double[] squares = new double[DIM];
        int[] counts = new int[DIM];
        for (int i = 0; i < clean.size(); i++) {
            for (int k = 0; k < STEPS * DIM; k++) {
                double noise = noisy.values()[i][k] - clean.values()[i][k];
                if (k >= clean.lengths()[i] * DIM) {
                    assertEquals(0, noise, "padding of sample " + i);
                } else {
                    squares[k % DIM] += noise * noise;
                    counts[k % DIM]++;
                }
            }
        }
        for (int d = 0; d < DIM; d++) {
            double measured = Math.sqrt(squares[d] / counts[d]);
            // about 87 values per feature: the estimate is within 20% of rate x std
            assertEquals(rate * std[d], measured, 0.2 * rate * std[d], "feature " + d);
        }
        assertTrue(std[2] > 2 * std[0], "the features' scales differ: " + Arrays.toString(std));
    }

    @Test
    void theFeatureStdIsOverValidFramesOnly() {
        float[][] values = {{1, 10, 3, 30, PADDING, PADDING}, {5, 50, PADDING, PADDING, 0, 0}};
        FeatureSequences frames = new FeatureSequences(values, 3, 2, new int[] {2, 1});
        // numpy: np.std([1, 3, 5]), np.std([10, 30, 50])
        assertArrayEquals(
                new double[] {1.632993161855452, 16.32993161855452},
                NonverbalCorruption.featureStd(frames),
                1e-12);
    }

    @Test
    void swapGivesThatFractionOfSamplesAnotherSamplesStream() {
        FeatureSequences clean = frames();
        FeatureSequences swapped = corrupt(Kind.SWAP, 1111, 0.25);
        int changed = 0;
        for (int i = 0; i < clean.size(); i++) {
            if (Arrays.equals(clean.values()[i], swapped.values()[i])) {
                assertEquals(clean.lengths()[i], swapped.lengths()[i]);
                continue;
            }
            changed++;
            boolean fromAnother = false;
            for (int j = 0; j < clean.size(); j++) {
                fromAnother |=
                        j != i
                                && Arrays.equals(clean.values()[j], swapped.values()[i])
                                && clean.lengths()[j] == swapped.lengths()[i];
            }
            assertTrue(fromAnother, "sample " + i + " holds another sample's stream");
        }
        assertEquals(10, changed);
    }

    @Test
    void theChosenStreamsAloneAreCorruptedAndBothShareTheirDraws() {
        MultimodalSplit split =
                SyntheticData.builder()
                        .optTrain(20)
                        .optAudioSteps(9)
                        .optAudioDim(4)
                        .optVisionSteps(9)
                        .optVisionDim(4)
                        .build()
                        .generate(WordPieceTokenizer.bundledVocabulary())
                        .get("train");
        MultimodalSplit acoustic =
                new NonverbalCorruption(Kind.RANDOM_DROP, Streams.ACOUSTIC, 3).apply(split, 0.5);
        assertSame(split.vision(), acoustic.vision());
        assertFalse(Arrays.deepEquals(split.audio().values(), acoustic.audio().values()));
        assertSame(split.tokens(), acoustic.tokens());
        assertArrayEquals(split.labels(), acoustic.labels());
        MultimodalSplit visual =
                new NonverbalCorruption(Kind.RANDOM_DROP, Streams.VISUAL, 3).apply(split, 0.5);
        assertSame(split.audio(), visual.audio());
        MultimodalSplit both =
                new NonverbalCorruption(Kind.RANDOM_DROP, Streams.BOTH, 3).apply(split, 0.5);
        assertTrue(Arrays.deepEquals(acoustic.audio().values(), both.audio().values()));
        assertTrue(Arrays.deepEquals(visual.vision().values(), both.vision().values()));
    }

    @Test
    void aRateOutsideZeroToOneIsRefused() {
        NonverbalCorruption corruption = new NonverbalCorruption(Kind.SWAP, Streams.BOTH, 1);
        for (double rate : new double[] {-0.1, 1.5, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> corruption.corrupt(frames(), rate));
        }
    }

    /** The frames of sample i whose values are all zero, in order. */
    private static List<Integer> zeroedFrames(FeatureSequences frames, int i) {
        List<Integer> zeroed = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            float[] frame = Arrays.copyOfRange(frames.values()[i], t * DIM, (t + 1) * DIM);
            if (Arrays.equals(frame, new float[DIM])) {
                zeroed.add(t);
            }
        }
        return zeroed;
    }

    /** Every frame of sample i but {@code zeroed} (padding included) is as it was. */
    private static void assertUntouchedExcept(
            FeatureSequences clean, FeatureSequences corrupted, int i, List<Integer> zeroed) {
        for (int t = 0; t < STEPS; t++) {
            if (!zeroed.contains(t)) {
                for (int d = 0; d < DIM; d++) {
                    assertEquals(
                            clean.values()[i][t * DIM + d],
                            corrupted.values()[i][t * DIM + d],
                            "sample " + i + " frame " + t);
                }
            }
        }
        assertEquals(clean.lengths()[i], corrupted.lengths()[i]);
    }
}
