package io.tributary.data.pickle;

import io.tributary.core.AtomicFiles;
import io.tributary.data.FeatureSequences;
import io.tributary.data.MultimodalSplit;
import io.tributary.data.TokenIds;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes splits as an MMSA pickle, byte for byte what numpy 1.x and pickle protocol 4 write for
 * MMSA's dict {train, valid, test} of dicts of arrays (DESIGN.md section 6), in MMSA's key order
 * and dtypes:
 *
 * <ul>
 *   <li>{@code raw_text}, {@code id}: object arrays of str, (N,); the raw text is the valid tokens
 *       between [CLS] and [SEP] looked up in the vocabulary, joined by spaces ({@code ##} pieces
 *       joined to their word);
 *   <li>{@code text_bert}: int64 (N, 3, T) = [ids; mask; segment];
 *   <li>{@code audio}, {@code vision}: float32 (N, T_a, d_a) and (N, T_v, d_v);
 *   <li>{@code audio_lengths}, {@code vision_lengths}: int64 (N,), in the unaligned layout only;
 *   <li>{@code regression_labels} and any further label columns (CH-SIMS's {@code
 *       regression_labels_T/A/V}): float32 (N,);
 *   <li>{@code classification_labels}: float32 (N,), 0, 1, 2 for a label below, at or above 0;
 *       {@code annotations}: object array of str, {@code Negative}, {@code Neutral}, {@code
 *       Positive} likewise.
 * </ul>
 *
 * MMSA's {@code text} (N, T, 768) BERT features are not written: the readers take text from {@code
 * text_bert}. The pickle streams to a temporary file renamed into place; no array is held as bytes.
 */
public final class MmsaPickleWriter {

    /** How audio and vision frames relate to the text. */
    public enum Layout {
        /**
         * As MMSA's {@code aligned_50.pkl}: one audio and one visual frame per text position (T_a =
         * T_v = T) and no lengths keys; a reader takes each length from the first all-zero frame,
         * so every sample's frames must be non-zero up to its length and zero after it.
         */
        ALIGNED,
        /**
         * As MMSA's {@code unaligned_50.pkl}: frame counts of their own, with {@code audio_lengths}
         * and {@code vision_lengths}.
         */
        UNALIGNED
    }

    private static final List<String> CLASS_NAMES = List.of("Negative", "Neutral", "Positive");

    private final List<String> vocabulary;
    private final Layout layout;

    private MmsaPickleWriter(Builder builder) {
        vocabulary = builder.vocabulary;
        layout = builder.layout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes {@code splits}, which must hold exactly MMSA's train, valid and test, with BERT token
     * ids and regression labels, to {@code file}.
     */
    public void write(Path file, Map<String, MultimodalSplit> splits) {
        if (!splits.keySet().equals(Set.copyOf(MmsaPickleReader.SPLITS))) {
            throw new IllegalArgumentException(
                    "an MMSA pickle holds splits "
                            + MmsaPickleReader.SPLITS
                            + ", got "
                            + splits.keySet());
        }
        Map<String, Object> top = new LinkedHashMap<>();
        for (String name : MmsaPickleReader.SPLITS) {
            top.put(name, arrays(name, splits.get(name)));
        }
        AtomicFiles.write(
                file,
                out -> {
                    OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
                    Pickler.dump(top, buffered);
                    buffered.flush();
                });
    }

    private Map<String, PickledArray> arrays(String name, MultimodalSplit split) {
        if (!split.hasTokenIds()) {
            throw new IllegalArgumentException(
                    "split '"
                            + name
                            + "': MMSA pickles hold BERT token ids, the split has word"
                            + " embeddings");
        }
        if (split.labelKind() != MultimodalSplit.LabelKind.REGRESSION) {
            throw new IllegalArgumentException(
                    "split '"
                            + name
                            + "': MMSA pickles hold regression labels, the split has "
                            + split.labelKind());
        }
        long n = split.size();
        TokenIds tokens = split.tokens();
        if (layout == Layout.ALIGNED) {
            checkAligned(name, "audio", split.audio(), tokens.length());
            checkAligned(name, "vision", split.vision(), tokens.length());
        }
        Map<String, PickledArray> arrays = new LinkedHashMap<>();
        arrays.put("raw_text", distinct(rawTexts(name, tokens)));
        arrays.put("id", distinct(Arrays.asList(split.ids())));
        arrays.put("text_bert", textBert(tokens));
        arrays.put("audio", frames(split.audio()));
        arrays.put("vision", frames(split.vision()));
        if (layout == Layout.UNALIGNED) {
            arrays.put("audio_lengths", lengths(split.audio()));
            arrays.put("vision_lengths", lengths(split.vision()));
        }
        float[] labels = split.labels();
        arrays.put(
                "regression_labels", PickledArray.float32(new long[] {n}, new float[][] {labels}));
        split.extraLabels()
                .forEach(
                        (key, column) ->
                                arrays.put(
                                        key,
                                        PickledArray.float32(
                                                new long[] {n}, new float[][] {column})));
        float[] classes = new float[labels.length];
        List<String> annotations = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            if (Float.isNaN(labels[i])) {
                throw new IllegalArgumentException(
                        "split '" + name + "', sample " + i + ": the label is NaN");
            }
            int label = labels[i] < 0 ? 0 : labels[i] == 0 ? 1 : 2;
            classes[i] = label;
            annotations.add(CLASS_NAMES.get(label));
        }
        arrays.put(
                "classification_labels",
                PickledArray.float32(new long[] {n}, new float[][] {classes}));
        arrays.put("annotations", new PickledArray.Strings(new long[] {n}, annotations, true));
        return arrays;
    }

    private static void checkAligned(
            String split, String key, FeatureSequences frames, int textLength) {
        if (frames.steps() != textLength) {
            throw new IllegalArgumentException(
                    "split '"
                            + split
                            + "': the aligned layout needs one "
                            + key
                            + " frame per text position ("
                            + textLength
                            + "), found "
                            + frames.steps()
                            + " frames; write the unaligned layout");
        }
        int[] found =
                FeatureSequences.lengthsFromFirstZeroFrame(
                        frames.values(), frames.steps(), frames.dim());
        for (int i = 0; i < found.length; i++) {
            if (found[i] != frames.lengths()[i]) {
                throw new IllegalArgumentException(
                        "split '"
                                + split
                                + "', sample "
                                + i
                                + ": "
                                + key
                                + " length "
                                + frames.lengths()[i]
                                + " would be read back as "
                                + found[i]
                                + " (the first all-zero frame) without lengths keys; write the"
                                + " unaligned layout");
            }
        }
    }

    /** Each sample's valid tokens without [CLS], [SEP] and [PAD], as words. */
    private List<String> rawTexts(String split, TokenIds tokens) {
        List<String> skipped = List.of("[CLS]", "[SEP]", "[PAD]");
        List<String> texts = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            StringBuilder text = new StringBuilder();
            for (int t = 0; t < tokens.length(); t++) {
                if (tokens.mask()[i][t] == 0) {
                    continue;
                }
                int id = tokens.ids()[i][t];
                if (id < 0 || id >= vocabulary.size()) {
                    throw new IllegalArgumentException(
                            "split '"
                                    + split
                                    + "', sample "
                                    + i
                                    + ": token id "
                                    + id
                                    + " is outside the vocabulary of "
                                    + vocabulary.size());
                }
                String token = vocabulary.get(id);
                if (skipped.contains(token)) {
                    continue;
                }
                if (token.startsWith("##")) {
                    text.append(token, 2, token.length());
                } else {
                    text.append(text.length() == 0 ? "" : " ").append(token);
                }
            }
            texts.add(text.toString());
        }
        return texts;
    }

    private static PickledArray.Strings distinct(List<String> values) {
        return new PickledArray.Strings(new long[] {values.size()}, values, false);
    }

    private static PickledArray textBert(TokenIds tokens) {
        int[][][] parts = {tokens.ids(), tokens.mask(), tokens.segments()};
        return new PickledArray.Numbers(
                "i8",
                new long[] {tokens.size(), 3, tokens.length()},
                out -> {
                    for (int i = 0; i < tokens.size(); i++) {
                        for (int[][] part : parts) {
                            for (int value : part[i]) {
                                out.int64(value);
                            }
                        }
                    }
                });
    }

    private static PickledArray frames(FeatureSequences frames) {
        return PickledArray.float32(
                new long[] {frames.size(), frames.steps(), frames.dim()}, frames.values());
    }

    private static PickledArray lengths(FeatureSequences frames) {
        return PickledArray.int64(
                new long[] {frames.size()},
                Arrays.stream(frames.lengths()).asLongStream().toArray());
    }

    /** Settings of a {@link MmsaPickleWriter}. */
    public static final class Builder {
        private List<String> vocabulary;
        private Layout layout = Layout.UNALIGNED;

        private Builder() {}

        /** The BERT vocabulary the token ids index ({@code vocab.txt}'s lines): for raw_text. */
        public Builder setVocabulary(List<String> vocabulary) {
            this.vocabulary = List.copyOf(vocabulary);
            return this;
        }

        /** Aligned or unaligned (the default: it keeps any frame counts). */
        public Builder optLayout(Layout layout) {
            this.layout = layout;
            return this;
        }

        public MmsaPickleWriter build() {
            if (vocabulary == null || vocabulary.isEmpty()) {
                throw new IllegalArgumentException(
                        "an MMSA writer needs the BERT vocabulary, was " + vocabulary);
            }
            if (layout == null) {
                throw new IllegalArgumentException("layout must be ALIGNED or UNALIGNED, was null");
            }
            return new MmsaPickleWriter(this);
        }
    }
}
