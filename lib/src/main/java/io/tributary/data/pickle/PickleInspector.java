package io.tributary.data.pickle;

import io.tributary.core.InputException;
import io.tributary.data.MultimodalSplit;
import io.tributary.data.TextTokenizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recognises which corpus pickle a file is, summarises it ({@code ./msa data inspect}) and reads
 * its splits for training.
 */
public final class PickleInspector {

    /** The corpus pickle layouts the readers know. */
    private enum Layout {
        MMSA,
        MULT,
        MAG_BERT
    }

    private PickleInspector() {}

    /** Parses {@code file}, recognises its layout and summarises every split. */
    public static PickleSummary summarize(Path file) {
        Object top = Unpickler.load(file);
        return switch (layout(file, top)) {
            case MMSA -> MmsaPickleReader.from(file, top).summary();
            case MULT -> MultPickleReader.from(file, top).summary();
            case MAG_BERT -> MagBertPickleReader.from(file, top).summary();
        };
    }

    /**
     * Every split of {@code file} as train, valid and test (MAG-BERT's {@code dev} is valid). Text
     * comes as the file has it: MMSA's {@code text_bert} ids, MulT's word vectors, or MAG-BERT's
     * words tokenised by {@code tokenizer} to {@code length}; with {@code rawText}, MMSA's {@code
     * raw_text} is tokenised by {@code tokenizer} instead of reading {@code text_bert}.
     */
    public static Map<String, MultimodalSplit> readSplits(
            Path file, TextTokenizer tokenizer, int length, boolean rawText) {
        return readSplits(file, tokenizer, length, rawText, MmsaPickleReader.SPLITS);
    }

    /**
     * The splits {@code names} of {@code file} (of train, valid and test), read as {@link
     * #readSplits(Path, TextTokenizer, int, boolean)} reads them; the others are never built.
     */
    public static Map<String, MultimodalSplit> readSplits(
            Path file, TextTokenizer tokenizer, int length, boolean rawText, List<String> names) {
        Object top = Unpickler.load(file);
        Map<String, MultimodalSplit> splits = new LinkedHashMap<>();
        switch (layout(file, top)) {
            case MMSA -> {
                MmsaPickleReader reader = MmsaPickleReader.from(file, top);
                names.forEach(
                        s ->
                                splits.put(
                                        s,
                                        rawText
                                                ? reader.read(s, tokenizer, length)
                                                : reader.read(s)));
            }
            case MULT -> {
                if (rawText) {
                    throw new InputException(
                            file
                                    + ": text_source raw_text: MulT pickles carry word vectors, no raw text");
                }
                MultPickleReader reader = MultPickleReader.from(file, top);
                names.forEach(s -> splits.put(s, reader.read(s)));
            }
            case MAG_BERT -> {
                MagBertPickleReader reader = MagBertPickleReader.from(file, top);
                names.forEach(
                        s ->
                                splits.put(
                                        s,
                                        reader.read(
                                                s.equals("valid") ? "dev" : s, tokenizer, length)));
            }
        }
        return splits;
    }

    private static Layout layout(Path file, Object top) {
        if (top instanceof Map<?, ?> dict && dict.get("train") instanceof Map<?, ?> train) {
            if (train.containsKey("text_bert")) {
                return Layout.MMSA;
            }
            if (train.containsKey("labels")) {
                return Layout.MULT;
            }
        }
        if (top instanceof Map<?, ?> dict && dict.get("train") instanceof List<?>) {
            return Layout.MAG_BERT;
        }
        throw new InputException(
                file
                        + ": not a known corpus pickle: expected MMSA's {train, valid, test} of"
                        + " arrays with text_bert, MulT's with labels, or MAG-BERT's {train, dev,"
                        + " test} of example lists; found "
                        + describe(top));
    }

    private static String describe(Object top) {
        if (top instanceof Map<?, ?> dict) {
            return "a dict with keys " + dict.keySet();
        }
        return "a " + PythonValues.typeName(top);
    }
}
