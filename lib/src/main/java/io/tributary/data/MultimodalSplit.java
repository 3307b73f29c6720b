package io.tributary.data;

import java.lang.reflect.Array;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * One split of a multimodal corpus in memory, whatever file it came from: sample ids, text (BERT
 * token ids, or word embeddings such as 300-d GloVe), audio and vision frame sequences with their
 * lengths, and labels: a regression score per sample, or per emotion a class index (IEMOCAP's
 * neutral, happy, sad, angry). Further label columns (CH-SIMS's per-modality scores) are kept by
 * name. Every reader produces this; {@link MultimodalDataset} serves it to a trainer.
 */
public final class MultimodalSplit {

    /** What the labels are. */
    public enum LabelKind {
        /** One score per sample: {@code labels()} has N values. */
        REGRESSION,
        /** A class index per emotion: {@code labels()} has N x {@code labelWidth()} values. */
        EMOTION_CLASSES
    }

    private final String name;
    private final String[] ids;
    private final TokenIds tokens;
    private final FeatureSequences textEmbeddings;
    private final FeatureSequences audio;
    private final FeatureSequences vision;
    private final LabelKind labelKind;
    private final int labelWidth;
    private final float[] labels;
    private final Map<String, float[]> extraLabels;
    private final Map<String, NonFinite> replaced;

    private MultimodalSplit(Builder builder) {
        name = builder.name;
        ids = builder.ids;
        tokens = builder.tokens;
        textEmbeddings = builder.textEmbeddings;
        audio = builder.audio;
        vision = builder.vision;
        labelKind = builder.labelKind;
        labelWidth = builder.labelWidth;
        labels = builder.labels;
        extraLabels = Collections.unmodifiableMap(new LinkedHashMap<>(builder.extraLabels));
        replaced = Collections.unmodifiableMap(new LinkedHashMap<>(builder.replaced));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** train, valid, test (or the file's own names). */
    public String name() {
        return name;
    }

    public int size() {
        return ids.length;
    }

    public String[] ids() {
        return ids;
    }

    /** True when the text is BERT token ids, false when it is word embeddings. */
    public boolean hasTokenIds() {
        return tokens != null;
    }

    /** BERT inputs; null when the split carries embeddings. */
    public TokenIds tokens() {
        return tokens;
    }

    /** Word embeddings (N, T, d_t); null when the split carries token ids. */
    public FeatureSequences textEmbeddings() {
        return textEmbeddings;
    }

    public FeatureSequences audio() {
        return audio;
    }

    public FeatureSequences vision() {
        return vision;
    }

    public LabelKind labelKind() {
        return labelKind;
    }

    /** Values per sample in {@link #labels()}: 1 for regression, 4 for IEMOCAP's emotions. */
    public int labelWidth() {
        return labelWidth;
    }

    /** N x labelWidth values, sample-major. */
    public float[] labels() {
        return labels;
    }

    /** Further label columns by name, N values each. */
    public Map<String, float[]> extraLabels() {
        return extraLabels;
    }

    /** Per source key, how many -inf, +inf and NaN values were replaced by 0 on reading. */
    public Map<String, NonFinite> nonFiniteReplaced() {
        return replaced;
    }

    /** The first {@code n} samples (all when n is at least the size). */
    public MultimodalSplit head(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("head needs n >= 0, was " + n);
        }
        return select(IntStream.range(0, Math.min(n, size())).toArray());
    }

    /** {@code n} samples drawn without replacement with {@code seed}, in their original order. */
    public MultimodalSplit randomSubset(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("randomSubset needs n >= 0, was " + n);
        }
        int[] order = IntStream.range(0, size()).toArray();
        Random random = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return select(IntStream.of(order).limit(Math.min(n, size())).sorted().toArray());
    }

    /** The samples at {@code indices}; the per-sample arrays are shared, not copied. */
    public MultimodalSplit select(int[] indices) {
        for (int index : indices) {
            if (index < 0 || index >= size()) {
                throw new IllegalArgumentException(
                        "index " + index + " outside split '" + name + "' of " + size());
            }
        }
        float[] pickedLabels = new float[indices.length * labelWidth];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(
                    labels, indices[i] * labelWidth, pickedLabels, i * labelWidth, labelWidth);
        }
        Builder out =
                builder()
                        .setName(name)
                        .setIds(pick(ids, indices))
                        .setAudio(audio.select(indices))
                        .setVision(vision.select(indices))
                        .setLabels(labelKind, labelWidth, pickedLabels);
        if (tokens != null) {
            out.setTokens(tokens.select(indices));
        } else {
            out.setTextEmbeddings(textEmbeddings.select(indices));
        }
        extraLabels.forEach(
                (key, values) -> {
                    float[] picked = new float[indices.length];
                    for (int i = 0; i < indices.length; i++) {
                        picked[i] = values[indices[i]];
                    }
                    out.optExtraLabels(key, picked);
                });
        replaced.forEach(out::optReplaced);
        return out.build();
    }

    /** This split with other audio and vision sequences (same sample count); the rest shared. */
    public MultimodalSplit withNonverbal(FeatureSequences audio, FeatureSequences vision) {
        Builder out =
                builder()
                        .setName(name)
                        .setIds(ids)
                        .setTokens(tokens)
                        .setTextEmbeddings(textEmbeddings)
                        .setAudio(audio)
                        .setVision(vision)
                        .setLabels(labelKind, labelWidth, labels);
        extraLabels.forEach(out::optExtraLabels);
        replaced.forEach(out::optReplaced);
        return out.build();
    }

    /** {@code rows[indices[i]]} for each i. */
    static <T> T[] pick(T[] rows, int[] indices) {
        @SuppressWarnings("unchecked")
        T[] out = (T[]) Array.newInstance(rows.getClass().getComponentType(), indices.length);
        for (int i = 0; i < indices.length; i++) {
            out[i] = rows[indices[i]];
        }
        return out;
    }

    /** Builds a split; {@link #build()} checks that every part has the same sample count. */
    public static final class Builder {
        private String name;
        private String[] ids;
        private TokenIds tokens;
        private FeatureSequences textEmbeddings;
        private FeatureSequences audio;
        private FeatureSequences vision;
        private LabelKind labelKind;
        private int labelWidth;
        private float[] labels;
        private final Map<String, float[]> extraLabels = new LinkedHashMap<>();
        private final Map<String, NonFinite> replaced = new LinkedHashMap<>();

        private Builder() {}

        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        public Builder setIds(String[] ids) {
            this.ids = ids;
            return this;
        }

        /** Text as BERT token ids (or use {@link #setTextEmbeddings}). */
        public Builder setTokens(TokenIds tokens) {
            this.tokens = tokens;
            return this;
        }

        /** Text as word embeddings (or use {@link #setTokens}). */
        public Builder setTextEmbeddings(FeatureSequences textEmbeddings) {
            this.textEmbeddings = textEmbeddings;
            return this;
        }

        public Builder setAudio(FeatureSequences audio) {
            this.audio = audio;
            return this;
        }

        public Builder setVision(FeatureSequences vision) {
            this.vision = vision;
            return this;
        }

        /** One score per sample. */
        public Builder setRegressionLabels(float[] labels) {
            return setLabels(LabelKind.REGRESSION, 1, labels);
        }

        /** Per sample, {@code width} class indices (one per emotion), sample-major. */
        public Builder setEmotionClasses(int width, float[] classes) {
            return setLabels(LabelKind.EMOTION_CLASSES, width, classes);
        }

        private Builder setLabels(LabelKind kind, int width, float[] values) {
            this.labelKind = kind;
            this.labelWidth = width;
            this.labels = values;
            return this;
        }

        public Builder optExtraLabels(String key, float[] values) {
            extraLabels.put(key, values);
            return this;
        }

        public Builder optReplaced(String key, NonFinite count) {
            replaced.put(key, count);
            return this;
        }

        public MultimodalSplit build() {
            if (name == null || ids == null || audio == null || vision == null || labels == null) {
                throw new IllegalArgumentException(
                        "a split needs a name, ids, audio, vision and labels");
            }
            if ((tokens == null) == (textEmbeddings == null)) {
                throw new IllegalArgumentException(
                        "split '" + name + "' needs exactly one of token ids and text embeddings");
            }
            int n = ids.length;
            int text = tokens != null ? tokens.size() : textEmbeddings.size();
            if (text != n || audio.size() != n || vision.size() != n) {
                throw new IllegalArgumentException(
                        String.format(
                                "split '%s': %d ids but text %d, audio %d, vision %d samples",
                                name, n, text, audio.size(), vision.size()));
            }
            if (labelWidth < 1 || labels.length != (long) n * labelWidth) {
                throw new IllegalArgumentException(
                        String.format(
                                "split '%s': %d labels for %d samples of width %d",
                                name, labels.length, n, labelWidth));
            }
            extraLabels.forEach(
                    (key, values) -> {
                        if (values.length != n) {
                            throw new IllegalArgumentException(
                                    String.format(
                                            "split '%s': label column '%s' has %d values for %d samples",
                                            name, key, values.length, n));
                        }
                    });
            return new MultimodalSplit(this);
        }
    }
}
