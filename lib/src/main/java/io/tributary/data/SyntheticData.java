package io.tributary.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded synthetic corpus whose label depends on the text and on chosen nonverbal streams, so
 * that tests, notebooks and benchmarks can check what a model learns from which modality.
 *
 * <p>Per sample: a text sentiment {@code s_t} (the mean polarity of one to three sentiment words,
 * +1 or -1 each, among neutral filler words, all from the given vocabulary), an acoustic signal
 * {@code s_a} and a visual signal {@code s_v}, each uniform in [-1, 1]. An informative stream's
 * frames are {@code s * u + noise} for a fixed random unit direction u per modality; a noise
 * stream's frames are noise alone. The label is {@code y = textWeight * s_t + acousticWeight * s_a
 * + visualWeight * s_v} (a weight of 0 leaves that stream pure noise), plus label noise, clipped to
 * [-3, 3]. Frame counts vary per sample between half and all of the steps; word-aligned data
 * (MAG-BERT's layout) instead has one frame per text position, its valid frames those of the
 * sample's tokens. The defaults, DESIGN.md's set-up, are the {@link Builder}'s; the factories name
 * the variants the trainer serves.
 *
 * @param train samples of the train split (valid and test get a quarter each, at least 8)
 * @param textLength BERT length T, [CLS] and [SEP] included
 * @param audioSteps T_a
 * @param audioDim d_a
 * @param visionSteps T_v
 * @param visionDim d_v
 * @param textWeight weight of s_t in the label
 * @param acousticWeight weight of s_a (0: acoustic frames are pure noise)
 * @param visualWeight weight of s_v (0: visual frames are pure noise)
 * @param frameNoise std of the frames' Gaussian noise
 * @param labelNoise std of the label's Gaussian noise
 * @param seed the generator's seed
 * @param wordAligned one acoustic and one visual frame per text position (then audioSteps and
 *     visionSteps equal textLength)
 * @param sharedFactor how much of the acoustic signal is the text sentiment: {@code s_a = shared *
 *     s_t + (1 - shared) * uniform}; 0 (independent streams) by default, above 0 the text and the
 *     acoustic frames share a latent factor and so have mutual information
 */
public record SyntheticData(
        int train,
        int textLength,
        int audioSteps,
        int audioDim,
        int visionSteps,
        int visionDim,
        float textWeight,
        float acousticWeight,
        float visualWeight,
        float frameNoise,
        float labelNoise,
        long seed,
        boolean wordAligned,
        float sharedFactor) {

    public SyntheticData {
        if (wordAligned && (audioSteps != textLength || visionSteps != textLength)) {
            throw new IllegalArgumentException(
                    "word-aligned data needs audio and vision steps equal to the text length "
                            + textLength
                            + ", found "
                            + audioSteps
                            + " and "
                            + visionSteps);
        }
    }

    /**
     * Words that carry sentiment in generated text; those missing from a vocabulary are skipped.
     */
    static final List<String> POSITIVE =
            List.of("good", "great", "excellent", "amazing", "wonderful", "loved", "fun", "best");

    static final List<String> NEGATIVE =
            List.of("bad", "terrible", "awful", "boring", "worst", "hated", "dull", "waste");

    static final List<String> NEUTRAL =
            List.of("the", "movie", "film", "plot", "was", "it", "this", "story", "and", "scene");

    /**
     * DESIGN.md's set-up: 400 training samples of at most 11 tokens, label 1.5 x text + 1.2 x
     * acoustic, visual pure noise.
     */
    public static SyntheticData acousticInformative(long seed) {
        return builder().optSeed(seed).build();
    }

    /**
     * As {@link #acousticInformative}, word-aligned: one acoustic and visual frame per token, the
     * layout MAG-BERT needs.
     */
    public static SyntheticData wordAligned(long seed) {
        return builder().optSeed(seed).optWordAligned(true).build();
    }

    /**
     * As {@link #acousticInformative}, with the acoustic signal mostly the text's sentiment (shared
     * factor 0.8): text and acoustic frames carry mutual information for MMMIE to find.
     */
    public static SyntheticData sharedFactor(long seed) {
        return builder().optSeed(seed).optSharedFactor(0.8f).build();
    }

    /** The same shapes with both nonverbal streams pure noise: the label is the text's alone. */
    public static SyntheticData nonverbalNoise(long seed) {
        return builder().optSeed(seed).optAcousticWeight(0f).build();
    }

    /** The defaults are {@link #acousticInformative}'s, seed 1111. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this generator's parameters. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** train, valid and test splits, each split's samples drawn from one seeded stream. */
    public Map<String, MultimodalSplit> generate(List<String> vocabulary) {
        return generate(vocabulary, List.of("train", "valid", "test"));
    }

    /**
     * The splits {@code names} of {@link #generate(List)}, the same samples: the stream is drawn in
     * the order train, valid, test and stops after the last split named, so that {@code [train,
     * valid]} never draws the test split.
     */
    public Map<String, MultimodalSplit> generate(List<String> vocabulary, List<String> names) {
        int[] positive = ids(vocabulary, POSITIVE);
        int[] negative = ids(vocabulary, NEGATIVE);
        int[] neutral = ids(vocabulary, NEUTRAL);
        int cls = require(vocabulary, "[CLS]");
        int sep = require(vocabulary, "[SEP]");
        Random random = new Random(seed);
        float[] audioDirection = unit(random, audioDim);
        float[] visionDirection = unit(random, visionDim);
        int held = Math.max(8, train / 4);
        Map<String, MultimodalSplit> splits = new LinkedHashMap<>();
        List<String> order = List.of("train", "valid", "test");
        int last = names.stream().mapToInt(order::indexOf).max().orElse(-1);
        for (String name : order.subList(0, last + 1)) {
            int n = name.equals("train") ? train : held;
            splits.put(
                    name,
                    split(
                            name,
                            n,
                            random,
                            positive,
                            negative,
                            neutral,
                            cls,
                            sep,
                            audioDirection,
                            visionDirection));
        }
        splits.keySet().retainAll(names);
        return splits;
    }

    private MultimodalSplit split(
            String name,
            int n,
            Random random,
            int[] positive,
            int[] negative,
            int[] neutral,
            int cls,
            int sep,
            float[] audioDirection,
            float[] visionDirection) {
        String[] ids = new String[n];
        int[][] tokens = new int[n][textLength];
        int[][] mask = new int[n][textLength];
        float[][] audio = new float[n][];
        float[][] vision = new float[n][];
        int[] audioLengths = new int[n];
        int[] visionLengths = new int[n];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "synthetic-" + name + "-" + i;
            float textSentiment =
                    text(random, positive, negative, neutral, cls, sep, tokens[i], mask[i]);
            float acoustic =
                    sharedFactor * textSentiment
                            + (1 - sharedFactor) * (2 * random.nextFloat() - 1);
            float visual = 2 * random.nextFloat() - 1;
            int words = Arrays.stream(mask[i]).sum();
            audioLengths[i] = wordAligned ? words : length(random, audioSteps);
            visionLengths[i] = wordAligned ? words : length(random, visionSteps);
            audio[i] =
                    frames(
                            random,
                            audioSteps,
                            audioDim,
                            audioLengths[i],
                            audioDirection,
                            acousticWeight == 0 ? 0 : acoustic);
            vision[i] =
                    frames(
                            random,
                            visionSteps,
                            visionDim,
                            visionLengths[i],
                            visionDirection,
                            visualWeight == 0 ? 0 : visual);
            float y =
                    textWeight * textSentiment + acousticWeight * acoustic + visualWeight * visual;
            y += labelNoise * (float) random.nextGaussian();
            labels[i] = Math.max(-3f, Math.min(3f, y));
        }
        return MultimodalSplit.builder()
                .setName(name)
                .setIds(ids)
                .setTokens(new TokenIds(tokens, mask, new int[n][textLength], textLength))
                .setAudio(new FeatureSequences(audio, audioSteps, audioDim, audioLengths))
                .setVision(new FeatureSequences(vision, visionSteps, visionDim, visionLengths))
                .setRegressionLabels(labels)
                .build();
    }

    /**
     * Fills one token row; returns the text sentiment, the mean polarity of its sentiment words.
     */
    private float text(
            Random random,
            int[] positive,
            int[] negative,
            int[] neutral,
            int cls,
            int sep,
            int[] row,
            int[] mask) {
        int words = textLength - 2;
        int sentimentWords = 1 + random.nextInt(Math.min(3, words));
        List<Integer> sequence = new ArrayList<>();
        float polarity = 0;
        for (int k = 0; k < sentimentWords; k++) {
            boolean good = random.nextBoolean();
            int[] pool = good ? positive : negative;
            sequence.add(pool[random.nextInt(pool.length)]);
            polarity += good ? 1 : -1;
        }
        int fillers = random.nextInt(words - sentimentWords + 1);
        for (int k = 0; k < fillers; k++) {
            sequence.add(
                    random.nextInt(sequence.size() + 1), neutral[random.nextInt(neutral.length)]);
        }
        row[0] = cls;
        for (int k = 0; k < sequence.size(); k++) {
            row[k + 1] = sequence.get(k);
        }
        row[sequence.size() + 1] = sep;
        for (int k = 0; k < sequence.size() + 2; k++) {
            mask[k] = 1;
        }
        return polarity / sentimentWords;
    }

    private float[] frames(
            Random random, int steps, int dim, int length, float[] direction, float signal) {
        float[] values = new float[steps * dim];
        for (int t = 0; t < length; t++) {
            for (int j = 0; j < dim; j++) {
                values[t * dim + j] =
                        signal * direction[j] + frameNoise * (float) random.nextGaussian();
            }
        }
        return values;
    }

    private static int length(Random random, int steps) {
        int least = Math.max(1, steps / 2);
        return least + random.nextInt(steps - least + 1);
    }

    private static float[] unit(Random random, int dim) {
        float[] u = new float[dim];
        double norm = 0;
        for (int j = 0; j < dim; j++) {
            u[j] = (float) random.nextGaussian();
            norm += u[j] * u[j];
        }
        for (int j = 0; j < dim; j++) {
            u[j] /= (float) Math.sqrt(norm);
        }
        return u;
    }

    private static int[] ids(List<String> vocabulary, List<String> words) {
        int[] ids = words.stream().mapToInt(vocabulary::indexOf).filter(i -> i >= 0).toArray();
        if (ids.length == 0) {
            throw new IllegalArgumentException("the vocabulary has none of " + words);
        }
        return ids;
    }

    private static int require(List<String> vocabulary, String token) {
        int id = vocabulary.indexOf(token);
        if (id < 0) {
            throw new IllegalArgumentException("the vocabulary has no " + token);
        }
        return id;
    }

    /** {@code optX} sets the parameter of that name; see the record's components. */
    public static final class Builder {

        private int train = 400;
        private int textLength = 11;
        private int audioSteps = 20;
        private int audioDim = 8;
        private int visionSteps = 20;
        private int visionDim = 8;
        private float textWeight = 1.5f;
        private float acousticWeight = 1.2f;
        private float visualWeight = 0f;
        private float frameNoise = 0.3f;
        private float labelNoise = 0.1f;
        private long seed = 1111;
        private boolean wordAligned = false;
        private float sharedFactor = 0f;

        private Builder() {}

        private Builder(SyntheticData d) {
            train = d.train;
            textLength = d.textLength;
            audioSteps = d.audioSteps;
            audioDim = d.audioDim;
            visionSteps = d.visionSteps;
            visionDim = d.visionDim;
            textWeight = d.textWeight;
            acousticWeight = d.acousticWeight;
            visualWeight = d.visualWeight;
            frameNoise = d.frameNoise;
            labelNoise = d.labelNoise;
            seed = d.seed;
            wordAligned = d.wordAligned;
            sharedFactor = d.sharedFactor;
        }

        public Builder optTrain(int train) {
            this.train = train;
            return this;
        }

        public Builder optTextLength(int textLength) {
            this.textLength = textLength;
            return this;
        }

        /** T_a; word-aligned data has T_a = T. */
        public Builder optAudioSteps(int audioSteps) {
            this.audioSteps = audioSteps;
            return this;
        }

        public Builder optAudioDim(int audioDim) {
            this.audioDim = audioDim;
            return this;
        }

        /** T_v; word-aligned data has T_v = T. */
        public Builder optVisionSteps(int visionSteps) {
            this.visionSteps = visionSteps;
            return this;
        }

        public Builder optVisionDim(int visionDim) {
            this.visionDim = visionDim;
            return this;
        }

        public Builder optTextWeight(float textWeight) {
            this.textWeight = textWeight;
            return this;
        }

        public Builder optAcousticWeight(float acousticWeight) {
            this.acousticWeight = acousticWeight;
            return this;
        }

        public Builder optVisualWeight(float visualWeight) {
            this.visualWeight = visualWeight;
            return this;
        }

        public Builder optFrameNoise(float frameNoise) {
            this.frameNoise = frameNoise;
            return this;
        }

        public Builder optLabelNoise(float labelNoise) {
            this.labelNoise = labelNoise;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** One acoustic and one visual frame per text position: T_a = T_v = T. */
        public Builder optWordAligned(boolean wordAligned) {
            this.wordAligned = wordAligned;
            return this;
        }

        public Builder optSharedFactor(float sharedFactor) {
            this.sharedFactor = sharedFactor;
            return this;
        }

        public SyntheticData build() {
            return new SyntheticData(
                    train,
                    textLength,
                    wordAligned ? textLength : audioSteps,
                    audioDim,
                    wordAligned ? textLength : visionSteps,
                    visionDim,
                    textWeight,
                    acousticWeight,
                    visualWeight,
                    frameNoise,
                    labelNoise,
                    seed,
                    wordAligned,
                    sharedFactor);
        }
    }
}
