package io.tributary.data.pickle;

import io.tributary.core.InputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Recognises which corpus pickle a file is and summarises it ({@code ./msa data inspect}). */
public final class PickleInspector {

    private PickleInspector() {}

    /** Parses {@code file}, recognises its layout and summarises every split. */
    public static PickleSummary summarize(Path file) {
        Object top = Unpickler.load(file);
        if (top instanceof Map<?, ?> dict && dict.get("train") instanceof Map<?, ?> train) {
            if (train.containsKey("text_bert")) {
                return MmsaPickleReader.from(file, top).summary();
            }
            if (train.containsKey("labels")) {
                return MultPickleReader.from(file, top).summary();
            }
        }
        if (top instanceof Map<?, ?> dict && dict.get("train") instanceof List<?>) {
            return MagBertPickleReader.from(file, top).summary();
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
