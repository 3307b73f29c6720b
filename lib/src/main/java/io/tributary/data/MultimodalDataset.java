package io.tributary.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.util.Arrays;

/**
 * A {@link MultimodalSplit} as a DJL dataset. A record's data are seven arrays, each cut to the
 * sample's valid length, which {@link PaddingBatchifier} pads to the batch's longest (or, with
 * {@link Builder#optFixedLength}, kept at the split's full lengths):
 *
 * <pre>
 *   0 input_ids (T) int64 | text_embeds (T, d_t) float32   (by the split's text)
 *   1 attention_mask (T) int64
 *   2 token_type_ids (T) int64                              (zeros with text_embeds)
 *   3 audio (T_a, d_a) float32      4 audio_mask (T_a) int64
 *   5 vision (T_v, d_v) float32     6 vision_mask (T_v) int64
 * </pre>
 *
 * Each array is named as above, so a model can tell ids from embeddings. The label is a float32
 * score, or for emotion classes an int64 vector of class indices.
 */
public final class MultimodalDataset extends RandomAccessDataset {

    private final MultimodalSplit split;
    private final boolean fixedLength;

    private MultimodalDataset(Builder builder) {
        super(builder);
        this.split = builder.split;
        this.fixedLength = builder.fixedLength;
    }

    public static Builder builder() {
        return new Builder();
    }

    public MultimodalSplit split() {
        return split;
    }

    @Override
    public Record get(NDManager manager, long index) {
        int i = Math.toIntExact(index);
        NDList data = new NDList(7);
        if (split.hasTokenIds()) {
            TokenIds tokens = split.tokens();
            int length = fixedLength ? tokens.length() : Math.max(1, tokens.validLength(i));
            data.add(named(ints(manager, tokens.ids()[i], length), "input_ids"));
            data.add(named(ints(manager, tokens.mask()[i], length), "attention_mask"));
            data.add(named(ints(manager, tokens.segments()[i], length), "token_type_ids"));
        } else {
            FeatureSequences text = split.textEmbeddings();
            data.add(named(frames(manager, text, i), "text_embeds"));
            data.add(named(mask(manager, text, i), "attention_mask"));
            data.add(
                    named(
                            manager.zeros(new Shape(steps(text, i)), DataType.INT64),
                            "token_type_ids"));
        }
        data.add(named(frames(manager, split.audio(), i), "audio"));
        data.add(named(mask(manager, split.audio(), i), "audio_mask"));
        data.add(named(frames(manager, split.vision(), i), "vision"));
        data.add(named(mask(manager, split.vision(), i), "vision_mask"));
        return new Record(data, new NDList(label(manager, i)));
    }

    private NDArray label(NDManager manager, int i) {
        int width = split.labelWidth();
        if (split.labelKind() == MultimodalSplit.LabelKind.REGRESSION) {
            return named(manager.create(split.labels()[i]), "label");
        }
        long[] classes = new long[width];
        for (int k = 0; k < width; k++) {
            classes[k] = (long) split.labels()[i * width + k];
        }
        return named(manager.create(classes), "label");
    }

    /** Frames served for sample i: its valid ones, or all steps with fixed lengths. */
    private int steps(FeatureSequences sequences, int i) {
        return fixedLength ? sequences.steps() : sequences.lengths()[i];
    }

    private NDArray frames(NDManager manager, FeatureSequences sequences, int i) {
        int length = steps(sequences, i);
        int dim = sequences.dim();
        float[] values = Arrays.copyOf(sequences.values()[i], length * dim);
        return manager.create(values, new Shape(length, dim));
    }

    /** 1 for the sample's valid frames, 0 for the padding served with fixed lengths. */
    private NDArray mask(NDManager manager, FeatureSequences sequences, int i) {
        long[] values = new long[steps(sequences, i)];
        Arrays.fill(values, 0, sequences.lengths()[i], 1L);
        return manager.create(values);
    }

    private static NDArray ints(NDManager manager, int[] row, int length) {
        long[] values = new long[length];
        for (int t = 0; t < length; t++) {
            values[t] = row[t];
        }
        return manager.create(values);
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    @Override
    protected long availableSize() {
        return split.size();
    }

    /** The split is in memory already. */
    @Override
    public void prepare(Progress progress) {}

    /** Builds the dataset; batches pad with {@link PaddingBatchifier} unless told otherwise. */
    public static final class Builder extends BaseBuilder<Builder> {
        private MultimodalSplit split;
        private int subsetSize = -1;
        private long subsetSeed;
        private boolean fixedLength;

        private Builder() {
            optDataBatchifier(new PaddingBatchifier());
            optLabelBatchifier(new PaddingBatchifier());
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder setSplit(MultimodalSplit split) {
            this.split = split;
            return this;
        }

        /**
         * Serves {@code n} samples drawn with {@code seed} ({@link #optLimit} takes the first n).
         */
        public Builder optRandomSubset(int n, long seed) {
            if (n < 0) {
                throw new IllegalArgumentException("random subset size must be >= 0, was " + n);
            }
            this.subsetSize = n;
            this.subsetSeed = seed;
            return this;
        }

        /**
         * Serves every sample at the split's full lengths (padding included, masked) instead of
         * cutting it to its valid length: all batches then share one shape, which spares the engine
         * a new kernel set for every new batch shape (the field's convention, too).
         */
        public Builder optFixedLength(boolean fixedLength) {
            this.fixedLength = fixedLength;
            return this;
        }

        public MultimodalDataset build() {
            if (split == null) {
                throw new IllegalArgumentException("MultimodalDataset needs a split");
            }
            if (subsetSize >= 0) {
                split = split.randomSubset(subsetSize, subsetSeed);
            }
            return new MultimodalDataset(this);
        }
    }
}
