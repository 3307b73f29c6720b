package io.tributary.data.pickle;

import io.tributary.data.MultimodalSplit;
import io.tributary.data.NonFinite;
import io.tributary.data.TextTokenizer;
import io.tributary.data.TokenIds;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MMSA's processed pickles: {@code aligned_50.pkl}, {@code unaligned_50.pkl} (MOSI, MOSEI) and
 * {@code unaligned_39.pkl} (CH-SIMS), a dict {train, valid, test} of dicts of numpy arrays
 * (DESIGN.md section 6). Opening parses the file's structure only; every key is kept, its data left
 * in the file until a split is read, so an unused key ({@code text}, gigabytes on MOSEI) costs
 * nothing.
 *
 * <p>A read split takes its text from {@code text_bert} ([ids; mask; segment], (N, 3, T)) or
 * re-tokenises {@code raw_text}; audio and vision have -inf, +inf and NaN replaced by 0 (counted),
 * their lengths from {@code audio_lengths} / {@code vision_lengths} when the file has them (the
 * unaligned files) and else from the first all-zero frame; labels are {@code regression_labels},
 * with CH-SIMS's {@code regression_labels_T/A/V} as extra columns.
 */
public final class MmsaPickleReader {

    /** The splits every MMSA pickle has. */
    public static final List<String> SPLITS = List.of("train", "valid", "test");

    /** Keys every split must have. */
    public static final List<String> REQUIRED_KEYS =
            List.of("id", "raw_text", "text_bert", "audio", "vision", "regression_labels");

    private static final String LABELS = "regression_labels";
    private static final List<String> MODALITY_LABELS =
            List.of("regression_labels_T", "regression_labels_A", "regression_labels_V");

    private final SplitTable table;

    private MmsaPickleReader(SplitTable table) {
        this.table = table;
    }

    /** Parses {@code file} and checks MMSA's layout; arrays stay in the file. */
    public static MmsaPickleReader open(Path file) {
        return from(file, Unpickler.load(file));
    }

    /** Checks MMSA's layout on an already unpickled {@code top}. */
    static MmsaPickleReader from(Path file, Object top) {
        SplitTable table = SplitTable.of(file, "MMSA", top, SPLITS, REQUIRED_KEYS);
        for (String split : table.splits().keySet()) {
            NdArray bert = table.array(split, "text_bert", 3);
            if (bert.dim(1) != 3) {
                throw table.error(
                        split,
                        "text_bert",
                        "expected shape (N, 3, T) = [ids; mask; segment], found 3 x "
                                + bert.dim(1)
                                + " in the second axis");
            }
            table.array(split, "audio", 3);
            table.array(split, "vision", 3);
        }
        return new MmsaPickleReader(table);
    }

    public Path file() {
        return table.file();
    }

    /** Split names in the file's order. */
    public Set<String> splitNames() {
        return table.splits().keySet();
    }

    public long count(String split) {
        return table.count(split);
    }

    /** Every key of the split, lazily: arrays read their data only when converted. */
    public Map<String, Object> keys(String split) {
        return table.split(split);
    }

    /** True for the unaligned files, which give audio and vision lengths. */
    public boolean hasLengths(String split) {
        return table.has(split, "audio_lengths") && table.has(split, "vision_lengths");
    }

    /** The split with text from {@code text_bert}. */
    public MultimodalSplit read(String split) {
        NdArray bert = table.array(split, "text_bert", 3);
        int length = table.intDim(split, "text_bert", bert, 2);
        int[][] rows = bert.toIntRows();
        int[][][] parts = new int[3][rows.length][];
        for (int i = 0; i < rows.length; i++) {
            for (int p = 0; p < 3; p++) {
                parts[p][i] = Arrays.copyOfRange(rows[i], p * length, (p + 1) * length);
            }
        }
        return read(split, new TokenIds(parts[0], parts[1], parts[2], length));
    }

    /** The split with {@code raw_text} re-tokenised to at most {@code length} tokens. */
    public MultimodalSplit read(String split, TextTokenizer tokenizer, int length) {
        String[] texts = table.array(split, "raw_text", 1).toStrings();
        return read(split, TokenIds.encode(texts, tokenizer, length));
    }

    private MultimodalSplit read(String split, TokenIds tokens) {
        boolean lengths = hasLengths(split);
        MultimodalSplit.Builder builder =
                MultimodalSplit.builder()
                        .setName(split)
                        .setIds(table.array(split, "id", 1).toStrings())
                        .setTokens(tokens)
                        .setRegressionLabels(table.column(split, LABELS));
        builder.setAudio(table.features(split, "audio", lengths ? "audio_lengths" : null, builder));
        builder.setVision(
                table.features(split, "vision", lengths ? "vision_lengths" : null, builder));
        for (String key : MODALITY_LABELS) {
            if (table.has(split, key)) {
                builder.optExtraLabels(key, table.column(split, key));
            }
        }
        return builder.build();
    }

    /** Shapes, dtypes, label statistics and non-finite counts of every split. */
    public PickleSummary summary() {
        Map<String, PickleSummary.Split> splits = new LinkedHashMap<>();
        for (String split : splitNames()) {
            Map<String, NonFinite> replaced = new LinkedHashMap<>();
            for (String key : List.of("audio", "vision")) {
                replaced.put(key, table.array(split, key).countNonFinite());
            }
            splits.put(
                    split,
                    new PickleSummary.Split(
                            count(split),
                            table.keySummary(split),
                            PickleSummary.LabelStats.of(LABELS, table.column(split, LABELS)),
                            replaced));
        }
        return new PickleSummary("mmsa", file().toString(), splits);
    }
}
