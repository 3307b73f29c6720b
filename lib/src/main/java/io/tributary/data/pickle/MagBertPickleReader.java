package io.tributary.data.pickle;

import io.tributary.core.InputException;
import io.tributary.data.FeatureSequences;
import io.tributary.data.MultimodalSplit;
import io.tributary.data.NonFinite;
import io.tributary.data.TextTokenizer;
import io.tributary.data.TokenIds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * MAG-BERT's word-aligned pickles ({@code mosi.pkl}, {@code mosei.pkl}): a dict {train, dev, test}
 * of lists of {@code ((words, visual (L, d_v), acoustic (L, d_a)), label, segment)}, one visual and
 * acoustic frame per word.
 *
 * <p>A split is read as MAG-BERT prepares it: each word is tokenised alone and its frames repeated
 * for each of its word pieces, the pieces cut to {@code length - 2}, [CLS] and [SEP] added with
 * zero frames, and everything padded to {@code length}; audio and vision then have one frame per
 * token and the text's length. Non-finite values are replaced by 0 (counted).
 */
public final class MagBertPickleReader {

    /** The splits of a MAG-BERT pickle. */
    public static final List<String> SPLITS = List.of("train", "dev", "test");

    private final Path file;
    private final Map<String, List<Example>> splits;

    /** One checked example. */
    private record Example(
            String[] words, NdArray visual, NdArray acoustic, float label, String segment) {}

    private MagBertPickleReader(Path file, Map<String, List<Example>> splits) {
        this.file = file;
        this.splits = splits;
    }

    /** Parses {@code file} and checks MAG-BERT's layout. */
    public static MagBertPickleReader open(Path file) {
        return from(file, Unpickler.load(file));
    }

    static MagBertPickleReader from(Path file, Object top) {
        if (!(top instanceof Map<?, ?> dict) || !dict.keySet().containsAll(SPLITS)) {
            throw new InputException(
                    file
                            + ": expected a MAG-BERT pickle (a dict of splits "
                            + SPLITS
                            + "), found "
                            + (top instanceof Map<?, ?> d
                                    ? "keys " + d.keySet()
                                    : "a " + PythonValues.typeName(top)));
        }
        Map<String, List<Example>> splits = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : dict.entrySet()) {
            String split = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof List<?> examples)) {
                throw new InputException(
                        file
                                + ": split '"
                                + split
                                + "': expected a list of examples, found a "
                                + PythonValues.typeName(entry.getValue()));
            }
            List<Example> checked = new ArrayList<>(examples.size());
            for (int i = 0; i < examples.size(); i++) {
                checked.add(example(file, split, i, examples.get(i)));
            }
            for (Example example : checked) {
                requireSameDim(file, split, "visual", example.visual, checked.get(0).visual);
                requireSameDim(file, split, "acoustic", example.acoustic, checked.get(0).acoustic);
            }
            splits.put(split, Collections.unmodifiableList(checked));
        }
        return new MagBertPickleReader(file, Collections.unmodifiableMap(splits));
    }

    private static Example example(Path file, String split, int index, Object value) {
        String where = file + ": split '" + split + "', example " + index + ": ";
        if (!(value instanceof PyTuple outer)
                || outer.size() != 3
                || !(outer.get(0) instanceof PyTuple inner)
                || inner.size() != 3) {
            throw new InputException(
                    where
                            + "expected ((words, visual, acoustic), label, segment), found a "
                            + PythonValues.typeName(value));
        }
        String[] words = words(where, inner.get(0));
        NdArray visual = frames(where, "visual", inner.get(1), words.length);
        NdArray acoustic = frames(where, "acoustic", inner.get(2), words.length);
        return new Example(
                words, visual, acoustic, label(where, outer.get(1)), segment(where, outer.get(2)));
    }

    private static String[] words(String where, Object value) {
        if (value instanceof NdArray array && array.rank() == 1) {
            return array.toStrings();
        }
        if (value instanceof List<?> list) {
            String[] words = new String[list.size()];
            for (int i = 0; i < words.length; i++) {
                if (!(list.get(i) instanceof String word)) {
                    throw new InputException(
                            where
                                    + "words: expected str, found a "
                                    + PythonValues.typeName(list.get(i)));
                }
                words[i] = word;
            }
            return words;
        }
        throw new InputException(
                where
                        + "words: expected a list or array of str, found a "
                        + PythonValues.typeName(value));
    }

    private static NdArray frames(String where, String key, Object value, int words) {
        if (!(value instanceof NdArray array) || array.rank() != 2 || !array.dtype().isNumeric()) {
            throw new InputException(
                    where
                            + key
                            + ": expected a (words, features) array, found a "
                            + PythonValues.typeName(value));
        }
        if (array.dim(0) != words) {
            throw new InputException(
                    where
                            + key
                            + ": expected one frame per word ("
                            + words
                            + "), found "
                            + array.dim(0));
        }
        return array;
    }

    private static float label(String where, Object value) {
        if (value instanceof Double number) {
            return number.floatValue();
        }
        if (value instanceof Long number) {
            return number.floatValue();
        }
        if (value instanceof NdArray array && array.size() == 1 && array.dtype().isNumeric()) {
            return array.toFloats()[0];
        }
        throw new InputException(
                where + "label: expected one number, found a " + PythonValues.typeName(value));
    }

    private static String segment(String where, Object value) {
        if (value instanceof String text) {
            return text;
        }
        throw new InputException(
                where + "segment: expected a str, found a " + PythonValues.typeName(value));
    }

    private static void requireSameDim(
            Path file, String split, String key, NdArray array, NdArray first) {
        if (array.dim(1) != first.dim(1)) {
            throw new InputException(
                    file
                            + ": split '"
                            + split
                            + "', "
                            + key
                            + ": expected "
                            + first.dim(1)
                            + " features per frame (as example 0), found "
                            + array.dim(1));
        }
    }

    public Path file() {
        return file;
    }

    public Set<String> splitNames() {
        return splits.keySet();
    }

    public int count(String split) {
        return examples(split).size();
    }

    private List<Example> examples(String split) {
        List<Example> examples = splits.get(split);
        if (examples == null) {
            throw new InputException(
                    file + ": no split '" + split + "' (the file has " + splits.keySet() + ")");
        }
        return examples;
    }

    /** The split tokenised as MAG-BERT does, with frames repeated per word piece. */
    public MultimodalSplit read(String split, TextTokenizer tokenizer, int length) {
        if (length < 2) {
            throw new IllegalArgumentException("text length must be at least 2, was " + length);
        }
        List<Example> examples = examples(split);
        int n = examples.size();
        int dv = n == 0 ? 0 : (int) examples.get(0).visual.dim(1);
        int da = n == 0 ? 0 : (int) examples.get(0).acoustic.dim(1);
        int[][] ids = new int[n][length];
        int[][] mask = new int[n][length];
        float[][] visual = new float[n][length * dv];
        float[][] acoustic = new float[n][length * da];
        int[] lengths = new int[n];
        String[] segments = new String[n];
        float[] labels = new float[n];
        NonFinite visualReplaced = NonFinite.NONE;
        NonFinite acousticReplaced = NonFinite.NONE;
        for (int i = 0; i < n; i++) {
            Example example = examples.get(i);
            float[] v = example.visual.toFloats();
            float[] a = example.acoustic.toFloats();
            visualReplaced = visualReplaced.plus(NonFinite.replaceWithZero(v));
            acousticReplaced = acousticReplaced.plus(NonFinite.replaceWithZero(a));
            Arrays.fill(ids[i], tokenizer.padId());
            ids[i][0] = tokenizer.clsId();
            int t = 1;
            for (int w = 0; w < example.words.length && t < length - 1; w++) {
                for (int piece : tokenizer.wordPieceIds(example.words[w])) {
                    if (t == length - 1) {
                        break;
                    }
                    ids[i][t] = piece;
                    System.arraycopy(v, w * dv, visual[i], t * dv, dv);
                    System.arraycopy(a, w * da, acoustic[i], t * da, da);
                    t++;
                }
            }
            ids[i][t] = tokenizer.sepId();
            lengths[i] = t + 1;
            Arrays.fill(mask[i], 0, t + 1, 1);
            segments[i] = example.segment;
            labels[i] = example.label;
        }
        return MultimodalSplit.builder()
                .setName(split)
                .setIds(segments)
                .setTokens(new TokenIds(ids, mask, new int[n][length], length))
                .setAudio(new FeatureSequences(acoustic, length, da, lengths))
                .setVision(new FeatureSequences(visual, length, dv, lengths.clone()))
                .setRegressionLabels(labels)
                .optReplaced("visual", visualReplaced)
                .optReplaced("acoustic", acousticReplaced)
                .build();
    }

    /**
     * Per split: count, the shape of each part ({@code -1} where the number of words varies), label
     * statistics and non-finite counts.
     */
    public PickleSummary summary() {
        Map<String, PickleSummary.Split> out = new LinkedHashMap<>();
        splits.forEach(
                (split, examples) -> {
                    long n = examples.size();
                    long words = examples.isEmpty() ? 0 : examples.get(0).words.length;
                    NonFinite visual = NonFinite.NONE;
                    NonFinite acoustic = NonFinite.NONE;
                    float[] labels = new float[examples.size()];
                    for (int i = 0; i < labels.length; i++) {
                        Example example = examples.get(i);
                        if (example.words.length != words) {
                            words = -1;
                        }
                        visual = visual.plus(example.visual.countNonFinite());
                        acoustic = acoustic.plus(example.acoustic.countNonFinite());
                        labels[i] = example.label;
                    }
                    Map<String, PickleSummary.Key> keys = new LinkedHashMap<>();
                    keys.put("words", new PickleSummary.Key(new long[] {n, words}, "str"));
                    keys.put("visual", frameKey(examples, n, words, Example::visual));
                    keys.put("acoustic", frameKey(examples, n, words, Example::acoustic));
                    keys.put("label", new PickleSummary.Key(new long[] {n}, "float32"));
                    keys.put("segment", new PickleSummary.Key(new long[] {n}, "str"));
                    Map<String, NonFinite> replaced = new LinkedHashMap<>();
                    replaced.put("visual", visual);
                    replaced.put("acoustic", acoustic);
                    out.put(
                            split,
                            new PickleSummary.Split(
                                    n,
                                    keys,
                                    PickleSummary.LabelStats.of("label", labels),
                                    replaced));
                });
        return new PickleSummary("mag-bert", file.toString(), out);
    }

    private static PickleSummary.Key frameKey(
            List<Example> examples, long n, long words, Function<Example, NdArray> part) {
        if (examples.isEmpty()) {
            return new PickleSummary.Key(new long[] {0, 0, 0}, "float32");
        }
        NdArray first = part.apply(examples.get(0));
        return new PickleSummary.Key(new long[] {n, words, first.dim(1)}, first.dtype().name());
    }
}
